"""Identify by an e-licence QR code (亮证): the platform resolves the token to the person and their licences.

The scanned text is untrusted: only a plain token shape is sent (the platform answers 404 for anything it
did not issue, 410 for an expired code). The person that comes back is marked ``source=ELICENCE`` whatever
the reply says, since that is how this terminal learned who they are.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from typing import Any

from core.errors import HalltermError
from core.identity import IdentitySource, Person

# A token as the platform issues them; a URL-shaped code (``https://…/t/<token>``) carries it last.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,128}$")

# CentralClient is not thread-safe; the kiosk's look-ups (QR, credit) take turns on it.
central_lock = threading.Lock()


class ElicenceError(HalltermError):
    code = "ELICENCE_UNREADABLE"
    user_message = "没有识别出电子证照二维码，请在手机上打开电子证照后重新对准扫码口。"


@dataclass(frozen=True)
class ElicenceIdentity:
    person: Person
    licences: tuple[Any, ...]     # core.sync.wire.ELicence
    person_hmac: str


def token_from_scan(text: str) -> str:
    candidate = text.strip().rstrip("/").rsplit("/", 1)[-1].rsplit("=", 1)[-1]
    if not _TOKEN.match(candidate):
        raise ElicenceError(f"scanned code of {len(text)} characters is not an e-licence token")
    return candidate


def resolve_elicence(central: Any, scanned: str) -> ElicenceIdentity:
    """Blocking: ask the platform who the scanned token belongs to. Raises HalltermError (SyncError …)."""
    if central is None:
        raise ElicenceError("no central platform client", code="ELICENCE_NO_PLATFORM",
                            user_message="暂时无法核验电子证照，请刷身份证，或到人工窗口办理。")
    token = token_from_scan(scanned)
    with central_lock:
        lookup = central.licence_by_token(token)
    record = lookup.person.model_dump(mode="json")
    person = replace(Person.from_dict(record), source=IdentitySource.ELICENCE)
    return ElicenceIdentity(person=person, licences=tuple(lookup.licences), person_hmac=lookup.person_hmac)
