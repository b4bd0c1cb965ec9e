"""Input schemas of the role-grant approval steps (三员分立, SEC-02): one per step, shared by the API and the
系统管理 page's forms."""

from datetime import date
from typing import Annotated

from ninja import Field, Schema


class DecideGrantIn(Schema):
    on: date = Field(description="批准日期（不得晚于今天，不得早于申请日期）")
    note: Annotated[str, Field(max_length=200)] = Field("", description="意见")


GRANT_SCHEMAS = {"approve": DecideGrantIn, "reject": DecideGrantIn}
