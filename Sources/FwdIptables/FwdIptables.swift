// The iptables-restore renderer and loader live here.
