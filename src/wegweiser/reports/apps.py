from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "wegweiser.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from wegweiser.core.dashboard import Panel, register_panel
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.reports import policy, selectors

        register_nav_item(
            NavItem("reports", _("Reports"), "reports:dashboard", policy.can_view_reports, order=26)
        )

        def reports_panel(user: Any) -> Panel | None:
            if not policy.can_view_reports(user):
                return None
            return Panel(
                _("Reports"),
                "reports/panels/coordinator.html",
                {"period": selectors.last_month()},
                order=13,
            )

        register_panel("reports.coordinator", reports_panel)
