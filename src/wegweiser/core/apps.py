from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wegweiser.core"
    label = "core"
    verbose_name = _("Core")
    # What participants read, measured for PARTICIPANT_LANGUAGES: the page frame.
    participant_facing_sources = (
        "templates/core/base.html",
        "templates/core/components/",
        "calendar_names.py",
    )
