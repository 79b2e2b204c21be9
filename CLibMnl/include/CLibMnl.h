// The C layer under FwdNetlink: libmnl, libnftnl and the netfilter headers, plus the few
// fwd_-prefixed shims Swift cannot express itself (macros that call functions, namespace switching).
//
// The include order matters: <sys/socket.h> and <netinet/in.h> before any <linux/...> header,
// otherwise a clean build fails with in6_addr conflicts between Glibc and the linux headers.
#ifndef FWD_CLIBMNL_H
#define FWD_CLIBMNL_H

#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/uio.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>

#include <libmnl/libmnl.h>
#include <libnftnl/batch.h>
#include <libnftnl/common.h>
#include <libnftnl/gen.h>
#include <libnftnl/table.h>
#include <libnftnl/chain.h>
#include <libnftnl/rule.h>
#include <libnftnl/expr.h>
#include <libnftnl/set.h>
#include <libnftnl/udata.h>

/// `MNL_SOCKET_BUFFER_SIZE`: the receive buffer libmnl recommends (a macro calling sysconf).
size_t fwd_mnl_socket_buffer_size(void);

/// Opens an `AF_NETLINK`/`NETLINK_NETFILTER` socket (close-on-exec) inside the network
/// namespace bound at `netns_path` (e.g. `/var/run/netns/NAME`), in one synchronous call:
/// the calling thread enters the namespace, creates the socket and returns to its own namespace
/// before this function returns. The socket stays in the target namespace.
///
/// Returns the descriptor, or -1 with `*error_out` set to the errno of the failing step and
/// `*failed_step_out` to a static description of it. Aborts the process if the thread cannot
/// return to its namespace (it must never keep running in another one).
int fwd_socket_in_netns(const char *netns_path, int *error_out, const char **failed_step_out);

#endif
