"""Builders of 专项整治 records (SUP-04) in every state of their tables, shared by the generated workflow test, the
desk crawl, the page tests and the browser test: the city bureau's campaign over 荷塘 and 芦淞, with problems open,
reported, rectified and returned."""
from datetime import date

from fazhi.org.models import Bureau
from fazhi.supervision import actions
from fazhi.supervision.models import Campaign, CampaignProblem
from tests.supervision.helpers import staff

ON = date(2026, 11, 20)
KINDS = ["随意性执法", "选择性执法", "逐利性执法", "服务意识不强"]


def launch(*, title="城市管理执法乱象专项整治", by="city_head", starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 31),
           scope=("430202", "430203"), on=ON):
    return actions.launch_campaign(by=staff(by), on=on, organiser=staff(by).entity, title=title,
                                   basis="株城管发〔2026〕8号", focus="整治随意性执法、选择性执法、逐利性执法等问题",
                                   kinds=KINDS, scope=list(Bureau.objects.filter(code__in=scope)),
                                   starts_on=starts_on, ends_on=ends_on)


def problem(c, *, by="city_head", owner="430202", source="visit", due=date(2026, 12, 20), on=ON, ref="",
            kind="随意性执法", description="执法记录仪未全程开启，现场检查未出示执法证件"):
    return actions.add_problem(c, by=staff(by), on=on, source=source, kind=kind, description=description,
                               place="荷塘区新华路", owner=owner, responsible="", due=due, ref=ref)


def campaign_samples(api=None, clock=None):
    """An open campaign and a closed one (the same title is built once per test)."""
    c = Campaign.objects.filter(title="城市管理执法乱象专项整治").first() or launch()
    closed = Campaign.objects.filter(title="住建领域行政执法突出问题专项整治").first()
    if closed is None:
        closed = launch(title="住建领域行政执法突出问题专项整治", starts_on=date(2026, 5, 1), ends_on=date(2026, 10, 31))
        problem(closed, on=date(2026, 6, 3), due=date(2026, 7, 3))
        actions.close_campaign(closed, by=staff("city_head"), on=ON, summary="整治期间发现问题1个")
    return [Campaign.objects.get(pk=c.pk), Campaign.objects.get(pk=closed.pk)]


def problem_samples(api=None, clock=None):
    """Problems of the open campaign: open (荷塘's, and 芦淞's overdue one), reported, rectified, returned."""
    c = campaign_samples()[0]
    if not c.problems.exists():
        hetang = staff("hetang_head")
        problem(c)
        problem(c, owner="430203", due=date(2026, 11, 25), kind="逐利性执法", description="罚没款收缴未按规定开具票据")
        reported = problem(c, kind="选择性执法", description="同一路段同类占道经营只处罚部分经营户")
        actions.report_fix(reported, by=hetang, on=date(2026, 11, 24), measures="已约谈中队长，统一该路段的执法尺度")
        done = problem(c, source="self_check", by="hetang_head", kind="服务意识不强", description="窗口人员答复群众咨询不耐心")
        actions.report_fix(done, by=hetang, on=date(2026, 11, 24), measures="已组织窗口人员培训")
        actions.accept_fix(done, by=staff("city_head"), on=date(2026, 11, 26), note="整改到位，予以销号")
        returned = problem(c, kind="随意性执法", description="暂扣物品未出具清单")
        actions.report_fix(returned, by=hetang, on=date(2026, 11, 24), measures="已补出具")
        actions.return_fix(returned, by=staff("city_reviewer"), on=date(2026, 11, 25), note="未附清单照片")
    return list(CampaignProblem.objects.filter(campaign=c).order_by("seq"))
