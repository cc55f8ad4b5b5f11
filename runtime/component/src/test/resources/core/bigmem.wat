;; Declares 32 pages (2 MiB) of initial memory.
(module $bigmem
  (memory (export "memory") 32))
