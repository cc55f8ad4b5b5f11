#!/usr/bin/env python3
"""Sums the Surefire/Failsafe XML reports of every module into tests per tier (*Test, *IT, *E2E).

With --require-tier IT (repeatable) it fails when that tier ran no test (a skipped test does not count as
run) or skipped any while CI=true: the real-apiserver and NATS tests must never be skipped silently in CI.
"""
import argparse
import glob
import os
import sys
import xml.etree.ElementTree as ET


def tier_of(classname):
    simple = classname.rsplit(".", 1)[-1].split("$")[0]
    for suffix in ("E2E", "IT", "Test"):
        if simple.endswith(suffix):
            return suffix
    return "other"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--require-tier", action="append", default=[], help="a tier that must have run (IT, E2E)")
    parser.add_argument("--root", default=".", help="the repository root")
    args = parser.parse_args()

    totals = {}
    skipped_classes = {}
    reports = glob.glob(os.path.join(args.root, "**/target/surefire-reports/TEST-*.xml"), recursive=True)
    reports += glob.glob(os.path.join(args.root, "**/target/failsafe-reports/TEST-*.xml"), recursive=True)
    for path in reports:
        suite = ET.parse(path).getroot()
        for case in suite.iter("testcase"):
            tier = tier_of(case.get("classname", ""))
            t = totals.setdefault(tier, {"tests": 0, "failed": 0, "skipped": 0, "time": 0.0})
            t["tests"] += 1
            t["time"] += float(case.get("time") or 0)
            if case.find("failure") is not None or case.find("error") is not None:
                t["failed"] += 1
            if case.find("skipped") is not None:
                t["skipped"] += 1
                skipped_classes.setdefault(tier, set()).add(case.get("classname"))

    passed = failed = skipped = 0
    for tier in ("Test", "IT", "E2E", "other"):
        if tier in totals:
            t = totals[tier]
            ok = t["tests"] - t["failed"] - t["skipped"]
            passed += ok
            failed += t["failed"]
            skipped += t["skipped"]
            print(f"tier *{tier}: {t['tests']} tests, {ok} passed, {t['failed']} failed, "
                  f"{t['skipped']} skipped, {t['time']:.1f} s")

    status = 0
    in_ci = os.environ.get("CI") == "true"
    for tier in args.require_tier:
        t = totals.get(tier)
        # a skipped test did not run: a tier whose every test was skipped ran nothing
        if t is None or t["tests"] - t["skipped"] == 0:
            print(f"FAIL: no *{tier} test ran", file=sys.stderr)
            status = 1
        elif in_ci and t["skipped"]:
            print(f"FAIL: CI=true but *{tier} tests were skipped: {sorted(skipped_classes[tier])}", file=sys.stderr)
            status = 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if failed:
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
