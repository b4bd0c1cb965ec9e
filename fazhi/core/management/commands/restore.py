from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, restore


class Command(BaseCommand):
    help = ("恢复：把 fazhi backup 的备份写入空的数据库和证据目录（先执行 migrate），"
            "逐一核对哈希与行数，最后运行 fazhi verify 证明恢复完整")

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（.zip）")
        parser.add_argument("--force", action="store_true", help="目标库已有数据时先清空再恢复")

    def handle(self, *args, **opts):
        call_command("migrate", verbosity=0, interactive=False)
        try:
            s = restore(opts["file"], force=opts["force"])
        except (BackupError, OSError) as e:
            raise CommandError(f"恢复失败：{e}")
        self.stdout.write(f"已恢复：{len(s.tables)} 张数据表、{s.rows} 行（与备份记载一致），"
                          f"{s.blobs} 个证据文件（哈希一致）")
        call_command("verify", stdout=self.stdout, stderr=self.stderr)
