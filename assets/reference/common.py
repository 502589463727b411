"""What every reference asset shares: its group (the pool and kinds are the warehouse's)."""

GROUP = "reference"
