"""Every rule's cited article, checked against the law's own text (tests/fixtures/shared/law): the article
(and paragraph, where the rule names one) must say what the rule is about. A citation off by one article
(DAY-01 Art 85 → 84) or pointing at the wrong paragraph fails here."""
from __future__ import annotations

import re
from functools import cache

import pytest

from fazhi.law import laws
from fazhi.law.basis import cn_number
from fazhi.law.rules import RULES
from tests.shared import SHARED

FILES = {
    laws.XZCF: "行政处罚法(2021-01-22).md", laws.XZQZ: "行政强制法(2011-06-30).md",
    laws.XZFY: "行政复议法(2023-09-01).md", laws.XZSS: "行政诉讼法(2017-06-27).md",
    laws.MSSS: "民事诉讼法(2023-09-01).md", laws.YS_GD: "行政执法机关移送涉嫌犯罪案件的规定(2020-08-07).md",
    laws.YSHJ: "优化营商环境条例(2019-10-22).md",
    laws.XZXK: "行政许可法(2019-04-23).md", laws.CXGH: "城乡规划法(2019-04-23).md",
    laws.CSDL: "城市道路管理条例(2019-03-24).md", laws.CSLH: "城市绿化条例(2017-03-01).md",
    laws.SRHW: "城市市容和环境卫生管理条例(2017-03-01).md", laws.ZDJC: "重大行政决策程序暂行条例(2019-04-20).md",
    laws.JCJY: "人民检察院检察建议工作规定(2019-02-26).md",
    laws.FZR_CT: "最高人民法院关于行政机关负责人出庭应诉若干问题的规定(2020-06-22).md",
    laws.XZSS_JS: "最高人民法院关于适用《行政诉讼法》的解释(2018-02-06).md",
}

# rule → words its cited article (paragraph) must contain. Chosen so the neighbouring articles do not.
SAYS = {
    "DAY-01": "是指工作日", "DAY-02": "十日以内期限", "DAY-04": "是指工作日",
    "DAY-05": "期间开始的时和日，不计算在期间内",
    "PEN-01": "可以当场作出行政处罚决定", "PEN-02": "预定格式、编有号码", "PEN-03": "一百元以下罚款",
    "PEN-04": "不得少于两人", "PEN-05": "回避", "PEN-06": "九十日内", "PEN-07": "先行登记保存",
    "PEN-08": "拒绝听取当事人的陈述、申辩", "PEN-09": "不得因当事人陈述、申辩而给予更重的处罚",
    "PEN-10": "有要求听证的权利", "PEN-11": "七日前", "PEN-12": "法制审核", "PEN-13": "集体讨论决定",
    "PEN-14": "调查终结", "PEN-15": "应当载明下列事项", "PEN-16": "将行政处罚决定书送达当事人",
    "PEN-17": "十五日内", "PEN-18": "百分之三", "PEN-19": "不停止执行", "PEN-20": "二年内未被发现",
    "PEN-21": "不予行政处罚", "PEN-22": "应当从轻或者减轻行政处罚", "PEN-23": "不得给予两次以上罚款",
    "PEN-24": "适用违法行为发生时", "PEN-25": "行政处罚无效", "PEN-26": "证据包括",
    "PEN-27": "电子技术监控设备", "PEN-28": "全过程记录", "PEN-29": "撤回行政处罚决定信息",
    "PEN-31": "责令当事人改正", "PEN-33": "行政处罚的种类",
    "INS-07": "双随机、一公开", "DIS-01": "裁量基准", "DIS-05": "主动消除或者减轻违法行为危害后果",
    "REV-01": "六十日内", "REV-02": "当场作出的行政处罚决定不服", "REV-03": "本级人民政府工作部门",
    "REV-07": "决定变更", "REV-08": "六个月内",
    "ENF-03": "查封、扣押的期限不得超过三十日", "ENF-04": "事先催告当事人履行义务", "ENF-05": "夜间或者法定节假日",
    "ENF-06": "强制拆除", "ENF-07": "超过三十日", "ENF-09": "三个月内", "ENF-10": "催告书送达十日后",
    "ENF-11": "应当提供下列材料", "ENF-12": "五日内受理",
    "TRF-01": "正职负责人",
    "CASE-STATE": "全面、客观、公正地调查", "CASE-ROLE": "行政执法资格", "CASE-DATE": "全过程记录",
    "CASE-CONFLICT": "全过程记录", "CASE-DUPLICATE": "全过程记录",

    # §A.12 disputes (DSP, REV-04..10)
    "REV-04": "十日内，提出书面答复", "REV-05": "可以适用简易程序", "REV-06": "五日前",
    "REV-09": "十五日内向人民法院提交", "REV-10": "被诉行政机关负责人应当出庭应诉",
    "DSP-01": "人民法院受理公民、法人或者其他组织提起的下列诉讼", "DSP-02": "自收到行政复议申请书副本",
    "DSP-03": "被申请人的负责人应当参加听证", "DSP-04": "被告对作出的行政行为负有举证责任",
    "DSP-05": "判决书送达之日起十五日内", "DSP-06": "下级行政机关的负责人，不能作为被诉行政机关负责人出庭",
    "DSP-07": "六十日内", "DSP-08": "决定变更", "DSP-09": "两个月以内", "DSP-10": "应当提交相关证明材料",
    "DSP-ROLE": "被诉行政机关负责人应当出庭应诉", "DSP-11": "副职负责人以及其他参与分管的负责人",

    # §A.8/§A.16 permits (LIC)
    "DAY-03": "以工作日计算，不含法定节假日", "LIC-01": "一次告知申请人需要补正的全部内容",
    "LIC-02": "二十日内作出行政许可决定", "LIC-03": "十日内向申请人颁发", "LIC-04": "所需时间不计算在本节规定的期限内",
    "LIC-05": "享有要求听证的权利", "LIC-06": "视为准予延续", "LIC-07": "应当予以公开，公众有权查阅",
    "LIC-08": "不得收取任何费用", "LIC-09": "交付使用后5年内", "LIC-10": "补植树木", "LIC-11": "四十五日",
    "LIC-ITEM": "申请书示范文本", "LIC-ROLE": "统一受理行政许可申请", "LIC-STATE": "应当向行政机关提出申请",
    "LIC-END": "注销手续", "LIC-REASON": "应当说明理由", "LIC-DATE": "以工作日计算",

    # §A.13 major decisions (MJD)
    "MJD-01": "决策事项目录", "MJD-02": "不少于30日", "MJD-03": "直接利害关系",
    "MJD-04": "未经合法性审查或者经审查不合法的，不得提交决策机关讨论", "MJD-05": "行政首长最后发表意见",
    "MJD-06": "及时公布重大行政决策", "MJD-ROLE": "决策承办单位", "MJD-DATE": "过程记录",

    # §A.14 supervision (SUP)

    # §A.4/§A.9 coercive measures and registers (ENF, HUD)
    "ENF-01": "两名以上行政执法人员实施", "ENF-02": "二十四小时内", "ENF-08": "执行协议",
    "CO-ROLE": "两名以上行政执法人员实施", "CO-STATE": "两名以上行政执法人员实施",
    "HUD-02": "限期拆除", "HUD-03": "经县级以上人民政府批准", "REG-ROLE": "具有行政执法资格",
    "REG-STATE": "具有行政执法资格",

    # §A.15 staff (STF)
    "STF-01": "具有行政执法资格的执法人员实施", "STF-04": "具有行政执法资格的执法人员实施",

    # §A.6 transfers and referrals (TRF)

}

ARTICLE = re.compile(r"^(第[零一二三四五六七八九十百千]+条)\s*(.*)$")
ITEM = re.compile(r"^（[一二三四五六七八九十]+）")


@cache
def articles(law: str) -> dict[str, list[str]]:
    """Article heading → its paragraphs; an item line （一）… belongs to the paragraph above it."""
    out: dict[str, list[str]] = {}
    current = None
    for line in (SHARED / "law" / FILES[law]).read_text("utf-8").splitlines():
        line = line.strip()
        m = ARTICLE.match(line)
        if m:
            current = out[m.group(1)] = [m.group(2)]
        elif line.startswith("#") or line.startswith("<!--"):
            current = None
        elif line and current is not None:
            if ITEM.match(line):
                current[-1] += line
            else:
                current.append(line)
    return out


CITED = [r for r in RULES.values() if r.basis.law in FILES and r.basis.article]


def test_the_parser_reads_articles_and_paragraphs():
    a = articles(laws.XZCF)
    assert len(a) == 86 and a["第八十五条"][0].startswith("本法中“二日”")
    assert len(a["第五十七条"]) == 2 and a["第五十七条"][1].startswith("对情节复杂或者重大违法行为")
    assert len(articles(laws.MSSS)["第八十五条"]) == 4


@pytest.mark.parametrize("rule", CITED, ids=[r.id for r in CITED])
def test_cited_article_says_what_the_rule_is_about(rule):
    b = rule.basis
    assert rule.id in SAYS, f"{rule.id}: write in SAYS what {b} says, so its citation is checked"
    text = articles(b.law).get(f"第{cn_number(b.article)}条")
    assert text, f"{rule.id}: {b} does not exist"
    if b.paragraph:
        assert b.paragraph <= len(text), f"{rule.id}: {b} has only {len(text)} paragraphs"
        text = [text[b.paragraph - 1]]
    assert SAYS[rule.id] in "".join(text), f"{rule.id} cites {b}, which does not say “{SAYS[rule.id]}”"


def test_every_rule_of_these_laws_names_its_article():
    """A rule based on a law in the fixtures cites an article, so the check above covers it."""
    assert [r.id for r in RULES.values() if r.basis.law in FILES and not r.basis.article] == []
    assert not set(SAYS) - {r.id for r in CITED}, "SAYS names a rule that no longer cites these laws"
