"""``sumcheck metrics [NAME]``: every metric with its settings, defaults, valid values and signature fields.

Everything printed comes from the metrics' own declarations (``settings_spec``, ``values``,
``signature`` on each :class:`sumcheck.metric.Metric` class), the same data that validates a config.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser(
        "metrics", help="list the metrics with their settings, defaults, valid values and signature fields",
        description="List every metric (or the one named) with its settings as written under `metrics.NAME:` in a "
                    "run config: default, valid values, meaning; the per-item values it records; the fields of its "
                    "signature.")
    p.add_argument("name", nargs="?", default=None, help="one metric (default: all)")
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table",
                   help="table (default), json, or markdown")
    p.set_defaults(func=run)


def describe(name: str) -> dict[str, Any]:
    """A metric's self-description as JSON-able data (raises ConfigError for an unknown name)."""
    from sumcheck.metric import metric_class

    cls = metric_class(name)
    return {
        "name": cls.name, "version": cls.version, "summary": cls.summary,
        "settings": [{"name": s.name, "default": s.default, "kind": s.kind,
                      "choices": list(s.choices) if s.choices is not None else None, "help": s.help}
                     for s in cls.settings_spec],
        "values": dict(cls.values), "signature": dict(cls.signature),
    }


def _value(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return str(v)


def as_text(info: dict[str, Any]) -> str:
    """Plain text for one metric (wrapped to 100 columns)."""
    import textwrap

    out = [*textwrap.wrap(f"{info['name']} (v{info['version']}): {info['summary']}", 100, subsequent_indent="  "), ""]
    if info["settings"]:
        out.append(f"  settings (under `metrics: {{{info['name']}: {{...}}}}` in a run config):")
        for s in info["settings"]:
            valid = " | ".join(_value(c) for c in s["choices"]) if s["choices"] else s["kind"]
            out += textwrap.wrap(f"{s['name']}  default {_value(s['default'])}  valid: {valid}", 100,
                                 initial_indent="    ", subsequent_indent="      ")
            out += textwrap.wrap(s["help"], 100, initial_indent="        ", subsequent_indent="        ")
    else:
        out.append(f"  settings: none (write `{info['name']}: {{}}`)")
    out.append("  values (per summary, averaged with a bootstrap 95% CI):")
    for key, what in info["values"].items():
        out += textwrap.wrap(f"{key}: {what}", 100, initial_indent="    ", subsequent_indent="        ")
    out += textwrap.wrap("signature fields: " + ", ".join(f"{k} ({v})" for k, v in info["signature"].items()), 100,
                         initial_indent="  ", subsequent_indent="    ")
    return "\n".join(out)


def as_markdown(info: dict[str, Any]) -> str:
    out = [f"### {info['name']}", "", info["summary"], ""]
    if info["settings"]:
        out += ["| setting | default | valid values | meaning |", "|---|---|---|---|"]
        for s in info["settings"]:
            valid = ", ".join(f"`{_value(c)}`" for c in s["choices"]) if s["choices"] else s["kind"]
            out.append(f"| `{s['name']}` | `{_value(s['default'])}` | {valid} | {s['help']} |")
    else:
        out.append("No settings.")
    out += ["", "Values: " + ", ".join(f"`{k}`" for k in info["values"]),
            "", "Signature fields: " + ", ".join(f"`{k}`" for k in info["signature"])]
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    from sumcheck.metric import metric_names

    names = [args.name] if args.name else metric_names()
    infos = [describe(n) for n in names]
    if args.format == "json":
        print(json.dumps(infos[0] if args.name else infos, indent=1))
    elif args.format == "markdown":
        print("\n\n".join(as_markdown(i) for i in infos))
    else:
        print("\n\n".join(as_text(i) for i in infos))
    return 0
