"""Input schemas of the certificate steps (STF-01): one per step, shared by the API and the pages' forms."""

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema


class OnNote(Schema):
    on: date = Field(description="办理日期（不得晚于今天）")
    basis: Annotated[str, Field(max_length=200)] = Field("", description="依据（文件名称和文号）")
    note: Annotated[str, Field(max_length=200)] = Field("", description="说明")


class Required(Schema):
    on: date = Field(description="办理日期（不得晚于今天）")
    basis: Annotated[str, Field(min_length=1, max_length=200)] = Field(description="依据（文件名称和文号）")
    note: Annotated[str, Field(max_length=200)] = Field("", description="说明")


class RenewIn(OnNote):
    valid_until: date = Field(description="换证后的有效期止")


class CancelIn(Required):
    kind: Literal["注销", "吊销"] = Field("注销", description="注销或吊销")


class IssueIn(Schema):
    on: date = Field(description="发证日期")
    number: Annotated[str, Field(min_length=1, max_length=40)] = Field(description="执法证编号")
    issuer: Annotated[str, Field(min_length=1, max_length=60)] = Field("湖南省人民政府", description="发证机关")
    valid_from: date = Field(description="有效期起")
    valid_until: date = Field(description="有效期止")


class RefuseIn(Schema):
    on: date = Field(description="办理日期")
    note: Annotated[str, Field(min_length=1, max_length=200)] = Field(description="不予发证的理由")


CERTIFICATE_SCHEMAS = {"annual_check": OnNote, "renew": RenewIn, "suspend": Required, "restore": OnNote,
                       "cancel": CancelIn}
APPLICATION_SCHEMAS = {"issue": IssueIn, "refuse": RefuseIn}
