"""A requests session for the Fingertips API: retries with backoff, timeouts, TLS always verified.

TLS verification is never switched off. A corporate CA bundle is taken from REQUESTS_CA_BUNDLE
(or CURL_CA_BUNDLE) and proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY: requests reads these
itself because the session trusts the environment.
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from pipelines.settings import FingertipsSettings

RETRY_STATUSES = (429, 500, 502, 503, 504)
# A refused connection or a failed name lookup is retried once, at once (urllib3 waits nothing
# before the first retry): with no route to the API, waiting minutes helps nobody.
CONNECT_RETRIES = 1
USER_AGENT = "shared-outcomes-warehouse/0.1 (+https://github.com/; nightly indicator refresh)"


def build_session(settings: FingertipsSettings) -> requests.Session:
    retry = Retry(
        total=settings.max_retries,
        connect=min(CONNECT_RETRIES, settings.max_retries),
        read=settings.max_retries,
        status=settings.max_retries,
        backoff_factor=settings.backoff_factor,
        backoff_max=120,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        # Retry-After on 429 and 503 is honoured before the exponential backoff.
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    session.trust_env = True
    session.verify = True
    session.headers["User-Agent"] = USER_AGENT
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
