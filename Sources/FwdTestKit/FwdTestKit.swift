// Test helpers: namespaces, veth pairs, packet probes, golden files.
