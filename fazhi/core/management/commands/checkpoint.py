from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.integrity import dump, take_checkpoint


class Command(BaseCommand):
    help = ("签署链头检查点：先校验，再以密钥（FAZHI_CHECKPOINT_KEY）签署全部记录流的链头并存档；"
            "--out 导出文件，交由第三方（如档案部门、上级机关）保存，日后 fazhi verify --checkpoint 比对")

    def add_arguments(self, parser):
        parser.add_argument("--out", metavar="FILE", help="把签署的检查点写入此文件")

    def handle(self, *args, **opts):
        try:
            cp, a = take_checkpoint()
        except ValueError as e:
            raise CommandError(f"{e}；请先运行 fazhi verify 查明")
        if opts["out"]:
            Path(opts["out"]).write_bytes(dump(cp.document))
            self.stdout.write(f"检查点已导出：{opts['out']}")
        self.stdout.write(f"已签署检查点：{cp.taken_at.isoformat()}，{cp.streams} 条记录流、{cp.events} 条记录，"
                          f"摘要 {cp.digest}")
