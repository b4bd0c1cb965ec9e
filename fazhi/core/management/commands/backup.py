from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份：数据库（一次事务内的一致快照，数值精确）与其引用的证据文件写入同一个压缩包，附哈希清单"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（.zip）")

    def handle(self, *args, **opts):
        try:
            s = backup(opts["file"])
        except (BackupError, OSError) as e:
            raise CommandError(f"备份失败：{e}")
        self.stdout.write(f"已备份：{len(s.tables)} 张数据表、{s.rows} 行，{s.blobs} 个证据文件"
                          f"（{s.blob_bytes / 1048576:.1f} MB）→ {opts['file']}")
        if s.missing_blobs:
            self.stdout.write(f"注意：{len(s.missing_blobs)} 个登记了哈希的文件不在证据目录中（仅登记哈希的证据），"
                              "未能备份")
