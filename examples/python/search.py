"""A Pulumi program that finds available numbers without holding any.

Stack config: ``locality`` (a city, required) and ``features`` (a list such as ``["sms", "fax"]``,
optional). It searches the United States twice: once with the plain function (up to 20 numbers,
the default limit) and once with the Output form (one number), as a program does when a
criterion comes from another resource. automation.py runs it inline (``automation.py search``).
"""
from typing import Any, Dict, List, Optional, Sequence

import pulumi
import pulumi_telnyx_reservations as telnyx


def program() -> None:
    config = pulumi.Config()
    locality = config.require("locality")
    features: Optional[List[str]] = config.get_object("features")
    found = telnyx.search_available_phone_numbers(country_code="US", locality=locality, features=features)
    pulumi.export("numbers", [n.phone_number for n in found.numbers])

    first = telnyx.search_available_phone_numbers_output(country_code="US", locality=locality, features=features, limit=1)

    def describe(numbers: Sequence[telnyx.outputs.AvailableNumber]) -> Optional[Dict[str, Any]]:
        if not numbers:
            return None
        n = numbers[0]
        return {"phoneNumber": n.phone_number, "administrativeArea": n.administrative_area, "features": list(n.features), "monthlyCost": n.monthly_cost}

    pulumi.export("first", first.numbers.apply(describe))
