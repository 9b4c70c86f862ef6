"""The Pulumi program: hold the numbers listed in stack config, keep the hold alive.

Stack config: ``phoneNumbers`` (a list of E.164 numbers, required), ``customerReference``
(default "support") and ``keepAliveWindow`` (default "10m": an ``up`` extends the hold when it
expires within that long). automation.py runs it inline through the Automation API.
"""
from typing import List

import pulumi
import pulumi_telnyx_reservations as telnyx


def program() -> None:
    config = pulumi.Config()
    numbers: List[str] = config.require_object("phoneNumbers")
    line = telnyx.NumberReservation(
        "support-line",
        phone_numbers=numbers,
        customer_reference=config.get("customerReference") or "support",
        keep_alive_window=config.get("keepAliveWindow") or "10m",
    )
    pulumi.export("reservationId", line.reservation_id)
    pulumi.export("phoneNumbers", line.phone_numbers)
    pulumi.export("status", line.status)
    pulumi.export("expiresAt", line.expires_at)
