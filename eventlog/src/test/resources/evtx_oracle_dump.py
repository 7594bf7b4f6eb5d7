#!/usr/bin/python3
"""Dump every record of an EVTX file as python-evtx renders it: one JSON object per line,
{"id": <EventRecordID>, "xml": "..."} or {"id": <id or null>, "error": "..."}; a failing record
does not stop the dump. Usage: evtx_oracle_dump.py FILE [STEP] (STEP renders every n-th record)."""
import json
import sys

import Evtx.Evtx as evtx


def main():
    path = sys.argv[1]
    step = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    out = sys.stdout
    with evtx.Evtx(path) as log:
        n = 0
        for record in log.records():
            n += 1
            if (n - 1) % step:
                continue
            try:
                rid = record.record_num()
            except Exception:  # noqa: BLE001 - the oracle tolerates any per-record failure
                rid = None
            try:
                out.write(json.dumps({"id": rid, "xml": record.xml()}) + "\n")
            except Exception as e:  # noqa: BLE001
                out.write(json.dumps({"id": rid, "error": type(e).__name__ + ": " + str(e)[:200]}) + "\n")


if __name__ == "__main__":
    main()
