#!/usr/bin/env python3
"""Print a skeleton of country records from Debian's iso-codes (ISO 3166-1).

Only a starting point: data/kb/countries.txt is curated by hand (aliases,
adjectives, capitals, seats and cities are our own writing). Use this to check
that no ISO entry is missing:  tools/seed-countries.py --missing data/kb/countries.txt
"""
import json, re, sys

ISO = "/usr/share/iso-codes/json/iso_3166-1.json"

def entries():
    for c in json.load(open(ISO, encoding="utf-8"))["3166-1"]:
        names = [c.get("common_name") or c["name"]]
        for k in ("name", "official_name"):
            if c.get(k) and c[k] not in names and "," not in c[k]:
                names.append(c[k])
        yield c["alpha_3"], names

def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--missing":
        have = set(re.findall(r"^country \S+ ([A-Z]{3}) ", open(sys.argv[2], encoding="utf-8").read(), re.M))
        missing = [a for a, _ in entries() if a not in have]
        print("\n".join(missing) if missing else "all ISO 3166-1 entries present")
        return 1 if missing else 0
    for a3, names in entries():
        print(f"country {a3.lower()} {a3} = {' | '.join(names)}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
