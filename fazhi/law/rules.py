"""The rules catalogue as data: every rule ID the code enforces, with its title and legal basis.

Code raises `violation("PEN-08", "…")`; the basis comes from here, so a rule's citation is written once.
`docs/legal-rules.md` explains where each rule is enforced.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fazhi.law.basis import Basis, RuleViolation
from fazhi.law.laws import (
    DJBH,
    FZR_CT,
    GB_27,
    GB_54,
    GB_58,
    GB_118,
    GBT_30428,
    GRXX,
    JCJY,
    LFF,
    MSSS,
    WLAQ,
    XZCF,
    XZFY,
    XZQZ,
    XZSS,
    XZSS_JS,
    YS_GD,
    YSHJ,
    ZDJC,
)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    basis: Basis


_R = [
    Rule("DAY-01", "行政处罚法中“二日”“三日”“五日”“七日”指工作日", Basis(XZCF, 85)),
    Rule("DAY-02", "行政强制法中十日以内期限均指工作日", Basis(XZQZ, 69)),
    Rule("DAY-04", "行政复议法中“三日”“五日”“七日”“十日”指工作日", Basis(XZFY, 88)),
    Rule("DAY-05", "期间开始之日不计算在内；期间届满最后一日是法定休假日的，以其后第一日为期满日", Basis(MSSS, 85)),
    Rule("DAY-07", "节假日及调休安排以国务院办公厅年度通知为准", Basis("国务院办公厅关于部分节假日安排的通知")),
    Rule("PEN-01", "简易程序（当场处罚）适用条件", Basis(XZCF, 51)),
    Rule("PEN-02", "当场处罚决定书的出具与备案", Basis(XZCF, 52)),
    Rule("PEN-03", "当场收缴罚款的条件与交纳期限", Basis(XZCF, 68, note="交至行政机关的二日期限见第七十一条")),
    Rule("PEN-04", "执法人员不得少于两人并应出示执法证件", Basis(XZCF, 42)),
    Rule("PEN-05", "回避", Basis(XZCF, 43)),
    Rule("PEN-06", "立案及自立案之日起九十日内作出处罚决定", Basis(XZCF, 60)),
    Rule("PEN-07", "先行登记保存须经负责人批准，七日内作出处理决定", Basis(XZCF, 56)),
    Rule("PEN-08", "作出处罚决定前应告知拟处罚内容及陈述、申辩、听证权利", Basis(XZCF, 62)),
    Rule("PEN-09", "不得因当事人陈述、申辩而给予更重的处罚", Basis(XZCF, 45, 2)),
    Rule("PEN-10", "应当告知听证权利的情形", Basis(XZCF, 63)),
    Rule("PEN-11", "听证的申请、通知与主持", Basis(XZCF, 64)),
    Rule("PEN-12", "作出决定前应当进行法制审核的情形", Basis(XZCF, 58)),
    Rule("PEN-13", "情节复杂或重大违法行为应当集体讨论决定", Basis(XZCF, 57, 2)),
    Rule("PEN-14", "调查终结后的处理结果", Basis(XZCF, 57)),
    Rule("PEN-15", "行政处罚决定书应当载明的事项", Basis(XZCF, 59)),
    Rule("PEN-16", "行政处罚决定书的送达", Basis(XZCF, 61)),
    Rule("PEN-17", "收到决定书之日起十五日内缴纳罚款", Basis(XZCF, 67, 3)),
    Rule("PEN-18", "逾期不缴纳罚款每日按罚款数额的百分之三加处罚款，不超过罚款数额", Basis(XZCF, 72)),
    Rule("PEN-19", "复议、诉讼期间不停止执行", Basis(XZCF, 73)),
    Rule("PEN-20", "违法行为二年（五年）内未被发现的不再给予行政处罚", Basis(XZCF, 36)),
    Rule("PEN-21", "不予行政处罚的情形", Basis(XZCF, 33)),
    Rule("PEN-22", "应当从轻或者减轻行政处罚的情形", Basis(XZCF, 32)),
    Rule("PEN-23", "同一个违法行为不得给予两次以上罚款", Basis(XZCF, 29)),
    Rule("PEN-24", "从旧兼从轻", Basis(XZCF, 37)),
    Rule("INS-01", "只有持有效执法证件的执法人员可以实施涉企行政检查", Basis(GB_54, note="第二部分")),
    Rule("INS-02", "清单之外无检查：检查事项应当公布", Basis(GB_54, note="第三部分")),
    Rule("INS-03", "涉企行政检查应当事先经执法主体负责人批准", Basis(GB_54)),
    Rule("INS-04", "同一企业年度检查频次上限", Basis(GB_54)),
    Rule("INS-05", "涉企行政检查属地管辖：执法主体只检查本辖区的检查对象", Basis(GB_54)),
    Rule("INS-07", "双随机、一公开：随机抽取检查对象和执法检查人员", Basis(YSHJ, 54)),
    Rule("INS-08", "抽查结果自检查结束之日起二十个工作日内公示", Basis(GB_58)),
    Rule("INS-09", "一单两库一细则；执法检查人员与检查对象有利害关系的应当回避", Basis(GB_58)),
    Rule("DCM-02", "数字化城管闭环：信息收集、立案、派遣、处置、反馈、核查、结案", Basis(GBT_30428, note="第8部分：立案、处置和结案")),
    Rule("DCM-03", "部件事件按小类的立案条件、处置时限、结案条件办理", Basis(GBT_30428, note="第8部分：立案、处置和结案")),
    Rule("DCM-04", "不属本单位职责的问题退回指挥中心并说明理由，属地管理；限期内无法解决的问题挂账", Basis(GBT_30428, note="地方实施办法")),
    Rule("DCM-ROLE", "数字化城管各环节由相应岗位办理（监督员采集、受理员受理、值班长立案、派遣员派遣、处置单位处置、指挥长审批），申请与审核分离",
         Basis(GBT_30428, note="第8部分：立案、处置和结案；本地数字化城管实施办法")),
    Rule("DCM-05", "12319热线0.5个工作日内受理，办结后回访，反映人不满意的重新进入流程",
         Basis(GBT_30428, note="12319服务热线办理规程（如固镇县）")),
    Rule("DIS-01", "行政机关可以依法制定行政处罚裁量基准，并应当向社会公布", Basis(XZCF, 34)),
    Rule("DIS-04", "决定书载明适用的裁量阶次；偏离裁量基准须经主要负责人批准或集体讨论决定", Basis(GB_27)),
    Rule("CAT-01", "裁量基准、权责清单只在其适用地域内适用；经济特区法规只在经济特区范围内实施",
         Basis(LFF, 84, 1, note="2023年修正")),
    Rule("DIS-06", "按法定罚款幅度分档的裁量方法：轻微处最低限；一般处最低限以上至最高限一半（含）；严重处最高限一半以上、"
         "最高限以下；特别严重处最高限；一般、严重取整数；法条未设最低限的按最高限的10%计算",
         Basis("醴陵市城市管理行政执法局行政处罚裁量权基准制度（醴城〔2017〕22号）",
               note="二、基准设定；依据行政处罚法第三十四条制定并公布")),
    Rule("DIS-05", "罚款应在法定幅度内；减轻须有法定情形；不得超过法定最高限", Basis(XZCF, 32, note="并第三十三条")),
    Rule("PEN-25", "行政处罚无效的情形", Basis(XZCF, 38)),
    Rule("PEN-26", "证据种类", Basis(XZCF, 46)),
    Rule("PEN-27", "电子技术监控设备记录的审核", Basis(XZCF, 41)),
    Rule("PEN-28", "执法全过程记录", Basis(XZCF, 47)),
    Rule("PEN-29", "行政处罚决定公开及撤回", Basis(XZCF, 48)),
    Rule("REV-07", "复议决定的种类：变更、撤销、确认违法、责令履行、确认无效、维持、驳回，以及调解、和解",
         Basis(XZFY, 63, note="至第七十四条；行政诉讼法第六十九条至第七十八条")),
    Rule("PUB-03", "行政处罚决定自作出之日起七个工作日内公开", Basis(GB_118)),
    Rule("PUB-ROLE", "行政执法公示信息由本机关明确的负责人员审核、发布和撤回", Basis(GB_118, note="全面推行行政执法公示制度")),
    Rule("RPT-02", "法治政府建设年度报告由本机关主要负责人负责，报告内容依规定撰写",
         Basis("法治政府建设与责任落实督察工作规定（厅字〔2019〕28号）", note="年度报告")),
    Rule("PUB-04", "公开信息的保留期限及个人信息保护", Basis(GB_118, note="地方规定")),
    Rule("PEN-31", "实施处罚时应责令改正", Basis(XZCF, 28)),
    Rule("PEN-33", "行政处罚的种类", Basis(XZCF, 9)),
    Rule("ENF-03", "查封、扣押期限不得超过三十日，经批准可延长三十日", Basis(XZQZ, 25)),
    Rule("ENF-04", "作出强制执行决定前应当书面催告", Basis(XZQZ, 35)),
    Rule("ENF-05", "不得在夜间或者法定节假日实施行政强制执行", Basis(XZQZ, 43)),
    Rule("ENF-06", "强制拆除违法建筑物须先行公告且当事人在法定期限内未申请复议、诉讼又不拆除", Basis(XZQZ, 44)),
    Rule("ENF-07", "加处罚款超过三十日经催告仍不履行的，可以强制执行", Basis(XZQZ, 46)),
    Rule("ENF-09", "自复议、诉讼期限届满之日起三个月内申请人民法院强制执行", Basis(XZQZ, 53, note="起诉期限届满之日起算，见行诉法解释第一百五十六条")),
    Rule("ENF-10", "催告书送达十日后当事人仍未履行的，方可申请人民法院强制执行", Basis(XZQZ, 54)),
    Rule("ENF-11", "申请人民法院强制执行应当提供的材料", Basis(XZQZ, 55)),
    Rule("ENF-12", "人民法院受理与裁定期限", Basis(XZQZ, 56, note="裁定期限见第五十七条、第五十八条")),
    Rule("REV-01", "申请行政复议期限六十日", Basis(XZFY, 20)),
    Rule("REV-02", "对当场作出的行政处罚决定不服的，应当先申请行政复议", Basis(XZFY, 23)),
    Rule("REV-03", "县级以上人民政府工作部门的复议机关为本级人民政府", Basis(XZFY, 24)),
    Rule("REV-08", "提起行政诉讼期限六个月", Basis(XZSS, 46)),
    Rule("TRF-01", "涉嫌犯罪案件的移送", Basis(YS_GD, 5)),
    Rule("LRV-01", "重大执法决定法制审核", Basis(GB_118)),
    Rule("LRV-04", "重大执法决定目录（本局配置）", Basis(GB_118, note="本局重大执法决定目录")),
    Rule("ACC-01", "国家机关处理个人信息不得超出履行法定职责所必需的范围；工作人员按岗位确定查阅权限",
         Basis(GRXX, 34, note="第五十一条；行政处罚法第五十条")),
    # 三员分立 and account security (issue #32): the classified-protection standard the 网络安全法 (Art 21) refers to.
    Rule("SEC-01", "系统管理员、安全管理员、审计员三员分立：系统管理员管理账号和本局设置，不授予角色；任何人不得为自己授予或变更角色",
         Basis(DJBH, note="8.1.7.1 岗位设置：设立系统管理员、审计管理员和安全管理员等岗位；8.1.4.2 访问控制c）：授予管理用户所需的最小权限，"
                          "实现管理用户的权限分离；网络安全法第二十一条")),
    Rule("SEC-02", "负责人、法制审核、法律顾问和管理员角色的授予，须经申请人以外的本局负责人或安全管理员批准后生效",
         Basis(DJBH, note="8.1.7.3 授权和审批：明确授权审批事项、审批部门和批准人，重要操作执行审批过程")),
    Rule("SEC-03", "审计员查阅个人信息查阅记录和管理员的操作记录；审计记录只能追加，任何管理员不得修改、删除或隐藏",
         Basis(WLAQ, 21, item=3, note="留存网络日志不少于六个月；等保基本要求8.1.4.3 安全审计、8.1.5.2 审计管理")),
    Rule("SEC-04", "解除登录锁定、吊销接口令牌和人员管理限于本人或本机构及下级机构的负责人、管理员办理",
         Basis(DJBH, note="8.1.4.2 访问控制：授予管理用户所需的最小权限")),
    Rule("AUTH-CSRF", "表单须来自本系统页面：来源无法验证的提交不予办理",
         Basis(WLAQ, 21, item=2, note="防范网络攻击的技术措施")),
    Rule("AUTH-LOCKED", "连续登录失败达到次数的账号或地址暂停登录，期满或经负责人、管理员解锁后方可登录",
         Basis(DJBH, note="8.1.4.1 身份鉴别b）：具有登录失败处理功能，限制非法登录次数")),
    Rule("CASE-STATE", "案件当前状态不允许该操作", Basis(XZCF, 54, note="法定程序")),
    Rule("CASE-ROLE", "当前用户无权办理该环节", Basis(XZCF, 42)),
    Rule("CASE-DATE", "办理日期不得晚于今日，也不得早于所依赖的前一环节", Basis(XZCF, 47)),
    Rule("CASE-CONFLICT", "案件已被他人更新", Basis(XZCF, 47)),
    Rule("CASE-DUPLICATE", "同一文件已作为本案证据登记", Basis(XZCF, 47, note="全过程记录")),

    # §A.12 disputes: 复议答复, 行政应诉, 出庭, 司法/检察建议 (DSP-01..08; REV-04..10)
    Rule("REV-04", "被申请人自收到复议申请书副本之日起十日内（简易程序五日内）提出书面答复并提交证据、依据",
         Basis(XZFY, 48, note="简易程序见第五十四条，逾期后果见第七十条")),
    Rule("REV-05", "行政复议简易程序的适用范围", Basis(XZFY, 53)),
    Rule("REV-06", "行政复议听证五日前书面通知；被申请人的负责人应当参加听证", Basis(XZFY, 51)),
    Rule("REV-09", "被告收到起诉状副本之日起十五日内提交证据、依据并提出答辩状", Basis(XZSS, 67)),
    Rule("REV-10", "被诉行政机关负责人应当出庭应诉；不能出庭的，应当委托相应的工作人员出庭", Basis(XZSS, 3, 3)),
    Rule("DSP-01", "行政复议、行政诉讼单独立案登记：可针对行政处罚、行政检查、行政许可或不履行法定职责",
         Basis(XZSS, 12, note="行政复议法第十一条")),
    Rule("DSP-02", "复议答复期限自收到申请书副本之日起算；答复材料为答复书及作出行政行为的证据、依据",
         Basis(XZFY, 48, note="第五十四条、第七十条、第八十八条第二款")),
    Rule("DSP-03", "复议听证通知五日前送达；被申请人负责人参加听证或说明理由并委托工作人员",
         Basis(XZFY, 51, 3, note="第八十八条第二款")),
    Rule("DSP-04", "被告对作出的行政行为负有举证责任；逾期不提供证据视为没有相应证据",
         Basis(XZSS, 34, note="第三十五条、第六十七条")),
    Rule("DSP-05", "不服第一审判决的上诉期限十五日，裁定十日；逾期不上诉的第一审判决、裁定发生法律效力", Basis(XZSS, 85)),
    Rule("DSP-06", "行政机关负责人出庭应诉：正职、副职及参与分管的负责人；受委托组织或下级行政机关的负责人不能作为被诉行政机关负责人出庭",
         Basis(FZR_CT, 2, note="第七条至第九条；行诉法解释第一百二十八条")),
    Rule("DSP-07", "复议意见书六十日内报送纠正情况；检察建议自收到之日起两个月内书面回复",
         Basis(XZFY, 76, note="第七十七条；人民检察院检察建议工作规定第十九条；司法建议回复期限按本局规定")),
    Rule("DSP-08", "复议纠错率、行政诉讼败诉率按终局结果计算，一案只计一次",
         Basis(XZFY, 63, note="至第六十九条；本局统计口径")),
    Rule("DSP-09", "人民检察院检察建议的书面回复期限", Basis(JCJY, 19)),
    Rule("DSP-10", "行政机关负责人不能出庭应当提交证明材料", Basis(FZR_CT, 9)),
    Rule("DSP-ROLE", "行政复议答复和行政应诉由本机关法制工作人员和负责人办理；法律顾问就指定的案件出具意见",
         Basis(XZSS, 3, 3, note="行政复议法第四十八条")),
    Rule("DSP-11", "行政机关负责人的范围（司法解释）", Basis(XZSS_JS, 128)),

    # §A.8 and §A.16 行政许可 (LIC-01..11)

    # §A.13 重大行政决策 and 合法性审查 (MJD-01..07)
    Rule("MJD-01", "重大行政决策事项目录：确定、公布并根据实际调整；目录外事项认定为重大行政决策的应说明理由", Basis(ZDJC, 3, note="目录见第三款")),
    Rule("MJD-02", "公众参与：公布决策草案及说明，征求意见期限一般不少于30日；听证会材料于7日前送达听证参加人",
         Basis(ZDJC, 15, note="听证见第十六条，意见采纳见第十八条")),
    Rule("MJD-03", "专家论证不得选择有直接利害关系的专家；可能影响社会稳定的应当进行风险评估",
         Basis(ZDJC, 20, note="并第十九条、第二十二条至第二十四条")),
    Rule("MJD-04", "决策草案未经合法性审查或经审查不合法的，不得提交讨论；审查时间一般不少于7个工作日，应组织法律顾问提出法律意见",
         Basis(ZDJC, 25, note="并第二十六条至第二十八条")),
    Rule("MJD-05", "集体讨论决定：行政首长最后发表意见，不同意见如实载明，与多数意见不一致的应说明理由", Basis(ZDJC, 30)),
    Rule("MJD-06", "决策公布、过程记录和材料归档、决策后评估", Basis(ZDJC, 32, note="并第三十三条、第三十六条")),
    Rule("MJD-07", "合同协议、规范性文件、复议应诉答复等其他法律审查：审查人员、审查意见和办理时限（本局规定）",
         Basis("国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见（国办发〔2018〕115号）",
               note="未读原文；审查时限为本局配置")),
    Rule("MJD-ROLE", "决策机关确定决策承办单位，负责合法性审查的部门审查，行政首长在集体讨论基础上作出决定",
         Basis(ZDJC, 11, note="并第二十五条、第三十条")),
    Rule("MJD-DATE", "决策过程记录：办理日期不得晚于今日，也不得早于所依赖的前一环节", Basis(ZDJC, 33)),

    # §A.14 执法监督: 案卷评查, 专项整治, 督办 (SUP-01..05)
    Rule("SUP-01", "评查标准为数据并有版本：各部分分值、评查项目及扣分标准、否决项和评定等级；无法读取的导入整体不予导入",
         Basis("湖南省行政处罚案卷评查标准（试行）", note="未读原文，见二手资料；本系统随附示例标准")),
    Rule("SUP-02", "评查案卷从范围内已结案卷中随机抽取；评查人员不得评查本单位案卷或本人承办的案卷（回避）",
         Basis("湖南省司法厅案卷评查工作实践（2025）", note="未读原文，见二手资料")),
    Rule("SUP-03", "案卷记录可证明的项目由系统预评并附证据，评查人员确认或说明理由后改判", Basis("本系统设计", note="无外部依据")),
    Rule("SUP-04", "评查结果予以通报，每个问题形成整改事项，明确责任单位、整改期限和整改佐证",
         Basis("株洲市城市管理和综合执法局年度法治政府建设报告", note="年度报告所述做法")),
    Rule("SUP-05", "上级机关对下级机关的案件或问题督办，明确办理期限；下级机关按期答复，逾期的在上级机关督办台上列示",
         Basis("株洲市城市管理和综合执法局年度法治政府建设报告", note="年度报告所述做法")),

    # §A.4 and §A.9 强制措施, 强制执行, 违建 and 隐患整改 (ENF-01..08, HUD-02, HUD-03)

    # §A.15 enforcement staff (STF-01..04)

    # §A.6 两法衔接 and administrative referrals (TRF-02..05)

]

RULES: dict[str, Rule] = {r.id: r for r in _R}


def violation(rule_id: str, message: str, **details: Any) -> RuleViolation:
    """The refusal for `rule_id`, with that rule's basis."""
    return RuleViolation(rule_id, message, RULES[rule_id].basis, **details)


def basis(rule_id: str) -> Basis:
    return RULES[rule_id].basis
