"""Cases (办件): the model, the state machine and case numbering."""

from core.cases.model import (
    Case,
    CaseAction,
    CaseEvent,
    CaseState,
    CaseType,
    Channel,
    Commitment,
    Licence,
    MaterialRecord,
    MaterialStatus,
    Outcome,
)

__all__ = [
    "Case", "CaseAction", "CaseEvent", "CaseState", "CaseType", "Channel", "Commitment", "Licence",
    "MaterialRecord", "MaterialStatus", "Outcome",
]
