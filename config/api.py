"""The JSON API under /api/v1/: every route needs a token or a session unless marked public."""

from __future__ import annotations

from ninja import NinjaAPI

from wegweiser.accounts.api import ApiTokenAuth, BrowserSessionAuth
from wegweiser.accounts.api import router as accounts_router
from wegweiser.comms.api import router as comms_router
from wegweiser.core.api import TextSafeParser
from wegweiser.directory.api import router as directory_router
from wegweiser.events.api import router as events_router
from wegweiser.jobs.api import router as jobs_router
from wegweiser.knowledge.api import router as knowledge_router
from wegweiser.matching.api import router as matching_router
from wegweiser.network.api import router as network_router
from wegweiser.participants.api import router as participants_router

api = NinjaAPI(
    title="Wegweiser API",
    version="1",
    urls_namespace="api",
    auth=[ApiTokenAuth(), BrowserSessionAuth()],
    docs_url="/docs",
    parser=TextSafeParser(),
)
api.add_router("/", accounts_router)
api.add_router("/", network_router)
api.add_router("/", events_router)
api.add_router("/", knowledge_router)
api.add_router("/", jobs_router)
api.add_router("/", matching_router)
api.add_router("/", directory_router)
api.add_router("/", participants_router)
api.add_router("/", comms_router)
