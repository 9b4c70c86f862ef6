"""The Pulumi program: hold numbers, listed or found by a search, and keep the hold alive.

Stack config, one of:

- ``phoneNumbers``: a list of E.164 numbers to hold;
- ``areaCode`` (e.g. "970"): hold ``count`` numbers (default 1) that a search finds in that area
  code of ``countryCode`` (default "US"). The search runs once, on the first ``up``; later runs
  keep the numbers it found (the ``phoneNumbers`` output).

Also ``customerReference`` (default "support") and ``keepAliveWindow`` (default "10m": an ``up``
extends the hold when it expires within that long). automation.py runs it inline through the
Automation API; __main__.py runs it as a ``runtime: python`` project.
"""
from typing import List, Optional

import pulumi
import pulumi_telnyx_reservations as telnyx


def program() -> None:
    config = pulumi.Config()
    numbers: Optional[List[str]] = config.get_object("phoneNumbers")
    area_code = config.get("areaCode")
    if (numbers is None) == (area_code is None):
        # The provider would refuse it too, but in terms of its properties, not of this stack's config.
        raise pulumi.RunError("set exactly one of the stack config keys phoneNumbers (the numbers to hold) or areaCode (hold numbers a search finds there)")
    search = None
    if area_code is not None:
        search = telnyx.SearchRequestArgs(
            country_code=config.get("countryCode") or "US",
            national_destination_code=area_code,
            count=config.get_int("count") or 1,
        )
    line = telnyx.NumberReservation(
        "support-line",
        phone_numbers=numbers,
        search=search,
        customer_reference=config.get("customerReference") or "support",
        keep_alive_window=config.get("keepAliveWindow") or "10m",
    )
    pulumi.export("reservationId", line.reservation_id)
    pulumi.export("phoneNumbers", line.phone_numbers)
    pulumi.export("status", line.status)
    pulumi.export("expiresAt", line.expires_at)
