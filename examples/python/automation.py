"""Run reservations.py through the Automation API, as an inline program: no Python language host.

    python automation.py up +19705555098 +19705555099   # the numbers become stack config
    python automation.py hold 970 2                     # or: `up` holding 2 numbers a search finds in area code 970
    python automation.py up                             # again: no change, or a keep-alive extend
    python automation.py refresh
    python automation.py import RESERVATION_ID          # adopt one made elsewhere as `support-line` (loads a language host)
    python automation.py destroy                        # drops the state; the hold lapses by itself
    python automation.py search Denver sms fax          # search.py's `up`: finds numbers, holds none

The project is this folder (Pulumi.yaml loads the plugin from ./node_modules); the stack is
``dev`` unless PULUMI_STACK names another (``search`` runs in that name plus ``-search``). PULUMI_CLI_ROOT, when set, is the Pulumi install to
use (DIR/bin/pulumi); otherwise the ``pulumi`` on PATH. Engine output goes to stderr; the last
line on stdout is the result as JSON: {"changes": {...}, "outputs": {...}} (for ``import``, also
"generatedCode": the Python declaration Pulumi writes for the reservation).
"""
import json
import os
import sys
from typing import Any, Callable, Dict, List, Optional

from pulumi import automation as auto

import search
from reservations import program

ACTIONS = ("up", "hold", "preview", "refresh", "destroy", "import", "search")
USAGE = "usage: automation.py {up|preview|refresh|destroy} [PHONE_NUMBER...] | hold AREA_CODE [COUNT] | import RESERVATION_ID | search LOCALITY [FEATURE...]"
# The stack config keys reservations.py reads for each way of saying which numbers to hold.
BY_NUMBERS = ["phoneNumbers"]
BY_SEARCH = ["areaCode", "count"]


def stack(run: Callable[[], None] = program, suffix: str = "") -> auto.Stack:
    root = os.environ.get("PULUMI_CLI_ROOT")
    command: Optional[auto.PulumiCommand] = auto.PulumiCommand(root=root, skip_version_check=True) if root else None
    return auto.create_or_select_stack(
        stack_name=os.environ.get("PULUMI_STACK", "dev") + suffix,
        project_name="telnyx-python",
        program=run,
        # In opts: a work_dir argument would make this a local (not inline) program.
        opts=auto.LocalWorkspaceOptions(work_dir=os.path.dirname(os.path.abspath(__file__)), pulumi_command=command),
    )


def declare(s: auto.Stack, config: Dict[str, Any], drop: List[str]) -> None:
    """Sets stack config (object values as such) and removes the keys of the other way to declare the numbers."""
    # An object value: `set_config` with a string would store a list as text.
    s.set_all_config_json(json.dumps({key: {"value": json.dumps(value), "objectValue": value} for key, value in config.items()}))
    s.remove_all_config(drop)


def main(argv: List[str]) -> int:
    if len(argv) < 2 or argv[1] not in ACTIONS:
        print(USAGE, file=sys.stderr)
        return 2
    action, args = argv[1], argv[2:]
    if action in ("hold", "import", "search") and not args:
        print(USAGE, file=sys.stderr)
        return 2
    count = args[1] if action == "hold" and len(args) > 1 else "1"
    if not count.isdigit():
        print(f"automation.py hold: COUNT must be a whole number of numbers to hold, not {count!r}", file=sys.stderr)
        return 2
    if action == "search":
        # search.py's program in a stack of its own: an `up` that finds numbers and holds none.
        s = stack(search.program, "-search")
        locality, features = args[0], args[1:]
        s.set_all_config_json(json.dumps({"locality": {"value": locality}, "features": {"value": json.dumps(features), "objectValue": features}}))
        action = "up"
    else:
        s = stack()
        if action == "hold":
            declare(s, {"areaCode": args[0], "count": int(count)}, BY_NUMBERS)
            action = "up"
        elif action != "import" and args:
            declare(s, {"phoneNumbers": args}, BY_SEARCH)
    echo = lambda line: print(line, file=sys.stderr)  # noqa: E731
    result: Dict[str, Any] = {}
    if action == "up":
        counts = s.up(on_output=echo).summary.resource_changes
    elif action == "preview":
        counts = s.preview(on_output=echo).change_summary
    elif action == "refresh":
        counts = s.refresh(on_output=echo).summary.resource_changes
    elif action == "import":
        # The program's resource name, so that its next run finds the reservation in state.
        imported = s.import_resources(resources=[{"type": "telnyx:index:NumberReservation", "name": "support-line", "id": args[0]}], protect=False, on_output=echo)
        counts = imported.summary.resource_changes
        # The Python declaration Pulumi writes for it: what reservations.py must declare to keep it.
        result["generatedCode"] = imported.generated_code
        print(imported.generated_code, file=sys.stderr)
    else:
        counts = s.destroy(on_output=echo).summary.resource_changes
    # Keys are OpType values ("create", "same", ...): plain strings in JSON.
    changes = {auto.OpType(op).value: n for op, n in (counts or {}).items()}
    outputs = {name: value.value for name, value in s.outputs().items()}
    print(json.dumps({"changes": changes, "outputs": outputs, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
