"""The program as a `runtime: python` project runs it (`pulumi up` in this folder)."""
from reservations import program

program()
