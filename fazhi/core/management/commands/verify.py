from django.core.management.base import BaseCommand, CommandError

from fazhi.core.events import verify_all
from fazhi.core.models import Event


class Command(BaseCommand):
    help = "校验全过程记录的哈希链（PEN-28），列出每条断链的第一个断点"

    def handle(self, *args, **opts):
        breaks = list(verify_all())
        total = Event.objects.count()
        streams = Event.objects.values("stream").distinct().count()
        for b in breaks:
            self.stdout.write(f"断链 {b.stream} 第{b.seq}条：{b.problem}")
        if breaks:
            raise CommandError(f"{len(breaks)} 条记录流校验失败（共 {streams} 条记录流、{total} 条记录）")
        self.stdout.write(f"校验通过：{streams} 条记录流、{total} 条记录，哈希链完整")
