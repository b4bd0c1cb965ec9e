import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.integrity import audit


class Command(BaseCommand):
    help = ("校验全过程记录（PEN-28）：每条哈希链、每条记录流的链头、每条记录与其全过程记录是否一致，"
            "并与最近的签名检查点比对；逐条列出不一致之处")

    def add_arguments(self, parser):
        parser.add_argument("--checkpoint", metavar="FILE",
                            help="与此检查点文件（fazhi checkpoint --out 导出、由第三方保存）比对，而非库内最近的检查点")

    def handle(self, *args, **opts):
        checkpoint = None
        if opts["checkpoint"]:
            try:
                with open(opts["checkpoint"], encoding="utf-8") as f:
                    checkpoint = json.load(f)
            except (OSError, ValueError) as e:
                raise CommandError(f"无法读取检查点文件：{e}")
        a = audit(checkpoint)
        for finding in a.findings:
            self.stdout.write(f"不一致 {finding}")
        against = f"，已与检查点 {a.checkpoint} 比对" if a.checkpoint else "，尚无签名检查点（fazhi checkpoint）"
        summary = f"{a.streams} 条记录流、{a.events} 条记录、{a.records} 个业务记录{against}"
        if a.findings:
            raise CommandError(f"校验失败：{len(a.findings)} 处不一致（共 {summary}）")
        self.stdout.write(f"校验通过：{summary}；哈希链完整，链头与记录一致")
