"""The service-item catalogue (事项目录): items, materials, form fields, bundles, departments, calendar.

``load_catalog(default_catalog_dir())`` at start-up; every screen then looks items up in the returned
``Catalog``. ``core.catalog.calendar`` (the working-day calendar) stays importable on its own.
"""

from core.catalog.calendar import LimitUnit, TimeLimit, WorkingCalendar
from core.catalog.catalog import Catalog
from core.catalog.fields import PREFILL_SOURCES, FieldType, FormField, prefill_form, validate_form
from core.catalog.loader import CatalogFileError, default_calendar_dir, default_catalog_dir, load_catalog
from core.catalog.models import (
    Bundle,
    Department,
    ElicenceType,
    Faq,
    Fee,
    HandlingForm,
    ItemType,
    Material,
    MaterialSource,
    ProcessStep,
    ServiceItem,
    ServiceObject,
)

__all__ = [
    "PREFILL_SOURCES", "Bundle", "Catalog", "CatalogFileError", "Department", "ElicenceType", "Faq", "Fee", "FieldType",
    "FormField", "HandlingForm", "ItemType", "LimitUnit", "Material", "MaterialSource", "ProcessStep",
    "ServiceItem", "ServiceObject", "TimeLimit", "WorkingCalendar", "default_calendar_dir", "default_catalog_dir",
    "load_catalog", "prefill_form", "validate_form",
]
