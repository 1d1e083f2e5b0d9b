from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "wegweiser.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")
    # What participants read, measured for PARTICIPANT_LANGUAGES: the trade vocabulary.
    participant_facing_sources = (
        "templates/knowledge/vocabulary_",
        "templates/knowledge/flyer_",
    )

    def ready(self) -> None:
        from wegweiser.core.dashboard import Panel, register_panel
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.knowledge import policy, selectors

        def everyone(user: Any) -> bool:
            return True

        register_nav_item(
            NavItem(
                "knowledge",
                _("Knowledge"),
                "knowledge:public_article_list",
                everyone,
                order=50,
                public=True,
            )
        )
        register_nav_item(
            NavItem(
                "vocabulary",
                _("Vocabulary"),
                "knowledge:public_vocabulary_index",
                everyone,
                order=51,
                public=True,
            )
        )

        def translation_panel(user: Any) -> Panel | None:
            if not policy.is_translator(user):
                return None
            tasks = selectors.translation_tasks_for(actor=user)
            return Panel(
                _("Open translation tasks"),
                "knowledge/panels/translation_tasks.html",
                {"tasks": tasks[:5], "total": len(tasks)},
                order=40,
            )

        def review_panel(user: Any) -> Panel | None:
            if not policy.can_review_any(user):
                return None
            hits = selectors.articles_awaiting_review(actor=user)
            if not hits:
                return None
            return Panel(
                _("Articles awaiting review"),
                "knowledge/panels/review_queue.html",
                {"hits": hits},
                order=41,
            )

        register_panel("knowledge.translation_tasks", translation_panel)
        register_panel("knowledge.review_queue", review_panel)
