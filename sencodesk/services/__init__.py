"""The use cases: one function per thing a person does.

Every function takes the acting Actor (who is acting, in which school) first, checks
permission, validates, writes through the store inside one transaction and writes the audit
row. The GUI, the CLI and the tests all come through here.
"""
