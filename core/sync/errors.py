"""Errors of the link to the central platform, each with a stable code and whether a retry can help.

The citizen never needs to know the platform is unreachable: a case is committed locally first and goes
out later (DESIGN "Sync"), so most of these are for the technician's log and the sync status page. The
user messages exist for the few calls a citizen waits on (e-licence lookup, credit check).
"""

from __future__ import annotations

from core.errors import HalltermError

# Codes (never reused for another meaning):
NOT_CONFIGURED = "SYNC_NOT_CONFIGURED"        # central.url or the terminal secret is empty
NETWORK = "SYNC_NETWORK"                      # connect refused, connection reset or closed mid-reply
TIMEOUT = "SYNC_TIMEOUT"                      # no complete answer within central.request_timeout_s
TLS = "SYNC_TLS"                              # certificate not trusted, wrong host, client cert refused
SERVER_ERROR = "SYNC_SERVER_ERROR"            # 5xx, 429
AUTH_REJECTED = "SYNC_AUTH_REJECTED"          # 401: clock skew, bad secret, replay (the reason is in detail)
REJECTED = "SYNC_REJECTED"                    # another 4xx: the request itself is wrong; a person must look
CONFLICT = "SYNC_CONFLICT"                    # 409: the platform holds something else under this key
NOT_FOUND = "SYNC_NOT_FOUND"                  # 404 on a lookup (unknown token, unknown case)
GONE = "SYNC_GONE"                            # 410: an expired e-licence token
BAD_RESPONSE = "SYNC_BAD_RESPONSE"            # not JSON, wrong shape, unknown fields, missing results
BAD_CONTENT_TYPE = "SYNC_BAD_CONTENT_TYPE"    # a reply that is not application/json
RESPONSE_TOO_LARGE = "SYNC_RESPONSE_TOO_LARGE"
ATTACHMENT_MISSING = "SYNC_ATTACHMENT_MISSING"  # a material names a file the terminal does not have
UNKNOWN_KIND = "SYNC_UNKNOWN_KIND"            # an outbox row this version cannot send


class SyncError(HalltermError):
    """A failed exchange with the platform. ``retryable`` tells the outbox engine what to do with the row."""

    code = "SYNC_ERROR"
    user_message = "暂时无法连接政务服务平台，您的办件已保存在本机，将自动补传。"

    def __init__(self, detail: str, *, code: str | None = None, user_message: str | None = None,
                 retryable: bool = True, status: int | None = None):
        super().__init__(detail, code=code, user_message=user_message)
        self.retryable = retryable
        self.status = status


__all__ = [
    "ATTACHMENT_MISSING", "AUTH_REJECTED", "BAD_CONTENT_TYPE", "BAD_RESPONSE", "CONFLICT", "GONE", "NETWORK",
    "NOT_CONFIGURED", "NOT_FOUND", "REJECTED", "RESPONSE_TOO_LARGE", "SERVER_ERROR", "TIMEOUT", "TLS",
    "UNKNOWN_KIND", "SyncError",
]
