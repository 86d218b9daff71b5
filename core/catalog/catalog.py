"""The loaded catalogue: every item, bundle and department of the hall, and the working calendar.

Build it with ``core.catalog.loader.load_catalog``, which checks every cross-reference with the file and
line of the mistake; the lookups here then trust the data. A code that is not in the catalogue (a stale
ticket, a case synced from an older catalogue) raises ``CatalogError`` with a stable code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from core.catalog.calendar import WorkingCalendar
from core.catalog.models import Bundle, Department, ElicenceType, ServiceItem
from core.errors import CatalogError


@dataclass(frozen=True, eq=False)
class Catalog:
    items: tuple[ServiceItem, ...]
    bundles: tuple[Bundle, ...] = ()
    departments: tuple[Department, ...] = ()
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    life_event_order: tuple[str, ...] = ()   # the kiosk's tile order (life_events.yaml)
    elicence_types: tuple[ElicenceType, ...] = ()   # elicence_types.yaml

    def __repr__(self) -> str:  # the dataclass default would print every item into a traceback
        return f"Catalog({len(self.items)} items, {len(self.bundles)} bundles, {len(self.departments)} departments)"

    @cached_property
    def _items(self) -> dict[str, ServiceItem]:
        return {item.implementation_code: item for item in self.items}

    @cached_property
    def _bundles(self) -> dict[str, Bundle]:
        return {bundle.code: bundle for bundle in self.bundles}

    @cached_property
    def _departments(self) -> dict[str, Department]:
        return {department.code: department for department in self.departments}

    @cached_property
    def _elicence_by_platform_code(self) -> dict[str, str]:
        return {platform: kind.code for kind in self.elicence_types for platform in kind.platform_codes}

    # --- single lookups ----------------------------------------------------------------------------

    def elicence_type_of(self, platform_code: str) -> str:
        """The catalogue's e-licence type of one the platform returned (its 证照类型代码); an unknown code
        is returned as it is, so it matches nothing unless a material names it."""
        return self._elicence_by_platform_code.get(platform_code, platform_code)

    def item(self, code: str) -> ServiceItem:
        try:
            return self._items[code]
        except KeyError:
            raise CatalogError(f"no service item with implementation code {code!r}", code="CATALOG_UNKNOWN_ITEM",
                               user_message="没有找到这个事项，请到人工窗口咨询。") from None

    def bundle(self, code: str) -> Bundle:
        try:
            return self._bundles[code]
        except KeyError:
            raise CatalogError(f"no bundle with code {code!r}", code="CATALOG_UNKNOWN_BUNDLE",
                               user_message="没有找到这个“一件事”，请到人工窗口咨询。") from None

    def department(self, code: str) -> Department:
        try:
            return self._departments[code]
        except KeyError:
            raise CatalogError(f"no department with code {code!r}", code="CATALOG_UNKNOWN_DEPARTMENT") from None

    def has_item(self, code: str) -> bool:
        return code in self._items

    def department_of(self, item: ServiceItem | str) -> Department:
        item = self.item(item) if isinstance(item, str) else item
        return self.department(item.department)

    # --- lists -------------------------------------------------------------------------------------

    def by_department(self, code: str) -> tuple[ServiceItem, ...]:
        return tuple(item for item in self.items if item.department == code)

    def items_of(self, bundle: Bundle | str) -> tuple[ServiceItem, ...]:
        bundle = self.bundle(bundle) if isinstance(bundle, str) else bundle
        return tuple(self.item(code) for code in bundle.items)

    def bundles_with_item(self, code: str) -> tuple[Bundle, ...]:
        return tuple(bundle for bundle in self.bundles if code in bundle.items)

    def life_events(self) -> tuple[str, ...]:
        """Life events that have at least one item or bundle, in the declared order (undeclared ones last,
        in order of appearance)."""
        used: dict[str, None] = {}
        for item in self.items:
            used.update(dict.fromkeys(item.life_events))
        used.update(dict.fromkeys(bundle.life_event for bundle in self.bundles))
        declared = [event for event in self.life_event_order if event in used]
        return tuple(declared + [event for event in used if event not in self.life_event_order])

    def items_for_life_event(self, event: str) -> tuple[ServiceItem, ...]:
        return tuple(item for item in self.items if event in item.life_events)

    def bundles_for_life_event(self, event: str) -> tuple[Bundle, ...]:
        return tuple(bundle for bundle in self.bundles if bundle.life_event == event)

    def hot_items(self, limit: int | None = None) -> tuple[ServiceItem, ...]:
        """Items with a ``hot`` rank, most asked for first."""
        ranked = sorted((item for item in self.items if item.hot is not None),
                        key=lambda item: (item.hot, item.implementation_code))
        return tuple(ranked[:limit] if limit is not None else ranked)

    def kiosk_items(self) -> tuple[ServiceItem, ...]:
        return tuple(item for item in self.items if item.kiosk_capable)

    def instant_items(self) -> tuple[ServiceItem, ...]:
        """Items with a 秒批 rule set."""
        return tuple(item for item in self.items if item.instant_approval is not None)

    # --- time limits -------------------------------------------------------------------------------

    def promised_date(self, item: ServiceItem | str, accepted_on: date) -> date:
        """承诺办结时间 for a case accepted on ``accepted_on`` (the day itself not counted)."""
        item = self.item(item) if isinstance(item, str) else item
        return self.calendar.due_date(accepted_on, item.promised_limit)

    def statutory_date(self, item: ServiceItem | str, accepted_on: date) -> date:
        item = self.item(item) if isinstance(item, str) else item
        return self.calendar.due_date(accepted_on, item.statutory_limit)
