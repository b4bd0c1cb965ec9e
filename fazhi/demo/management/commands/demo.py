import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from fazhi.cases.demo import build_cases
from fazhi.catalog.demo import build_catalogue
from fazhi.citydesk.demo import build_citydesk
from fazhi.coercion.demo import build_measures
from fazhi.decisions.demo import build_decisions
from fazhi.disclosure.demo import build_publications
from fazhi.disputes.demo import build_disputes
from fazhi.inspections.demo import build_inspections
from fazhi.org.demo import DEMO_PASSWORD, _name, build_grants, build_org
from fazhi.org.models import Bureau
from fazhi.permits.demo import build_permits
from fazhi.registers.demo import build_registers
from fazhi.supervision.demo import build_supervision

# (username, what the account is for): printed after loading, so a new user knows whom to log in as.
LOGINS = [
    ("city_admin", "株洲市局 系统管理员（账号、执法证、本局设置；不授予角色）"),
    ("city_security", "株洲市局 安全管理员（授予角色；负责人等角色须局长批准）"),
    ("city_auditor", "株洲市局 审计员（管理员操作和个人信息查阅记录）"),
    ("hetang_officer1", "荷塘区局 执法队员"),
    ("hetang_squad1", "荷塘区局 中队长"),
    ("hetang_reviewer", "荷塘区局 法制审核员"),
    ("hetang_head", "荷塘区局 局长"),
    ("lusong_officer1", "芦淞区局 执法队员"),
    ("city_supervisor", "株洲市局 执法监督（案卷评查）"),
    ("hetang_patrol1", "荷塘区 城管监督员（巡查上报、核查）"),
    ("city_operator1", "指挥中心 受理员"),
    ("city_shift1", "指挥中心 值班长"),
    ("city_dispatcher1", "指挥中心 派遣员"),
    ("city_commander", "指挥中心 指挥长"),
    ("hetang_huanwei", "荷塘区环境卫生管理所（处置单位）"),
    ("city_reviewer", "株洲市局 法制科（合法性审查、合同审查）"),
    ("city_adviser", "株洲市局 法律顾问"),
    ("city_head", "株洲市局 局长（重大行政决策集体讨论）"),
    ("city_window1", "株洲市局 行政许可窗口受理员"),
    ("city_permit1", "株洲市局 许可审查员"),
]


class Command(BaseCommand):
    help = "载入演示数据：株洲市城管局及所属区县局、约60名工作人员、一年的各状态案件（固定随机种子）"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=20261122)
        parser.add_argument("--general", type=int, default=24, help="每个区县局的普通程序案件数")
        parser.add_argument("--simple", type=int, default=30, help="每个区县局的简易程序案件数")
        parser.add_argument("--if-empty", action="store_true", help="已有数据时跳过（make demo 使用）")
        parser.add_argument("--scale", choices=["default", "city"], default="default",
                            help="city：一个城市一年的规模（约10万件城市管理问题、1.5万件简易程序和1千件普通程序案件；"
                                 "案件逐件经办案流程生成，约需二十分钟）")
        parser.add_argument("--issues", type=int, default=None, help="另行批量生成的已结案城市管理问题数（city 默认100000）")

    def handle(self, *args, seed, general, simple, if_empty, scale="default", issues=None, **opts):
        t0 = time.monotonic()
        if scale == "city":
            # Six district bureaus hold cases: about 1,000 general-procedure and 15,000 on-the-spot cases in all.
            general, simple = 167, 2500
            issues = 100_000 if issues is None else issues
        extra_issues = issues or 0

        def step(text):
            # Loading takes minutes: say what is happening, so nobody thinks it hangs.
            self.stdout.write(f"[{time.monotonic() - t0:4.0f}秒] {text}")
            self.stdout.flush()

        step("更新数据库结构……")
        call_command("migrate", verbosity=0)
        if Bureau.objects.exists():
            if if_empty:
                self.stdout.write("已有数据，跳过演示数据载入。")
                self._logins()
                return
            raise CommandError("数据库中已有机构数据；演示数据只能载入空数据库")
        rng = random.Random(seed)
        today = timezone.localdate()
        used: set[str] = set()
        # All or nothing: a load that fails part-way leaves an empty database (and says so), never a half demo
        # that the next `make demo` would take for a loaded one.
        try:
            with transaction.atomic():
                step("创建机构、人员、执法证和裁量基准……")
                staff = build_org(rng, today)
                build_grants(today)
                build_catalogue(Bureau.objects.get(parent=None))
                step("按办案流程生成一年的行政处罚案件……")
                n = build_cases(staff, rng, today, lambda: _name(rng, used), general, simple,
                                progress=lambda b, done, total: step(f"  {b.name}：完成（{done}/{total}）"))
                step("生成涉企检查和公示记录……")
                build_inspections(staff, rng, today)
                build_publications(staff, rng, today)
                step("生成数字化城管网格和问题（约需一两分钟）……")
                issues = build_citydesk(staff, rng, today, lambda: _name(rng, used))
                if extra_issues:
                    from fazhi.citydesk.scale import bulk_issues

                    step(f"批量生成一年的已结案城市管理问题（{extra_issues}件）……")
                    issues += bulk_issues(extra_issues, rng, today,
                                          progress=lambda done, total: step(f"  问题：{done}/{total}"))
                step("生成重大行政决策目录、决策程序和合同等法律审查……")
                build_decisions(staff, rng, today)
                step("生成市局许可窗口一年的行政许可申请（约1000件）……")
                build_permits(staff, rng, today)
                step("生成行政复议、行政应诉和司法建议、检察建议……")
                build_disputes(staff, rng, today)
                step("生成荷塘区局的查封扣押和强制拆除……")
                build_measures(staff, rng, today)
                step("生成荷塘区局和醴陵市局的违法建设台账和整改通知……")
                build_registers(staff, rng, today)
                step("生成市局对各区县局的案卷评查和整改……")
                build_supervision(staff, rng, today)
        except Exception as e:
            raise CommandError(f"演示数据载入失败，已全部撤销，数据库仍为空：{e}") from e
        step(f"已载入演示数据：{Bureau.objects.count()}个机构、{n}件案件、{issues}件城市管理问题。")
        self._logins()

    def _logins(self):
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for user, role in LOGINS:
            self.stdout.write(f"  {user:<18} {role}")
