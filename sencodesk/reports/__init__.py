"""PDF packs (reportlab platypus), each built from a plain read model in `models`.

No SQL here: the services build the read models; a pack only lays them out.
"""
