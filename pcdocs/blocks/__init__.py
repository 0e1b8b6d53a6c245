"""The building blocks, one module per block; `registry.SPECS` lists them (importing this
package registers nothing)."""
