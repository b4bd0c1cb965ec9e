"""What a public channel shows of a record (PUB-04): every published text goes through law.disclosure.mask, with
the personal values the record itself holds (names, ID and phone numbers, addresses) as known values, so a name
or number typed anywhere in a free text is found in whatever form it was typed. Used by the portal pages, the
双公示 feeds, the tracking page, Open311 reads and the publisher's preview — the one path to the public."""
from __future__ import annotations

from fazhi.law.disclosure import mask

# Content keys that are no personal data of a natural person and are shown as recorded.
_AS_RECORDED = {"decision_no", "decided_on", "credit_code", "bureau", "procedure"}


def case_known(case) -> list[str]:
    """The personal values a penalty case holds. An organisation's own name and credit code are public (PUB-03);
    its representative's name and any phone or address are not."""
    person = case.party_kind == "citizen"
    values = [case.party_representative, case.party_phone, case.party_address]
    if person:
        values += [case.party_name, case.party_id_number]
    return [v for v in values if v]


def issue_known(issue) -> list[str]:
    return [v for v in (issue.reporter_name, issue.reporter_phone) if v]


def shown_content(content: dict, known: list[str]) -> dict:
    return {k: v if k in _AS_RECORDED or not isinstance(v, str) else mask(v, known) for k, v in content.items()}


def shown_publication(p) -> dict:
    """A publication's content as the public sees it. The snapshot was masked when it was published; it is
    masked again on every read so a snapshot taken under an older, weaker mask never leaks."""
    return shown_content(p.content, [*(case_known(p.case) if p.case_id else []), *(p.also_masked or [])])


def shown_issue(issue) -> dict:
    known = issue_known(issue)
    return {"description": mask(issue.description, known), "address": mask(issue.address, known),
            "status_notes": mask(issue.status_notes, known)}
