// fwd_ shims: the parts of the C API Swift cannot call directly. Nothing else belongs here.
#define _GNU_SOURCE
#include "CLibMnl.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// FwdNetlink reads these structures through Swift's imported layout; pin the ones it relies on.
_Static_assert(sizeof(struct nlmsghdr) == 16, "nlmsghdr layout");
_Static_assert(sizeof(struct nlmsgerr) == 20, "nlmsgerr: error + the echoed header");
_Static_assert(offsetof(struct nlmsgerr, msg) == 4, "nlmsgerr.msg follows error");
_Static_assert(sizeof(struct nfgenmsg) == 4, "nfgenmsg layout");
_Static_assert(NFNL_BATCH_GENID == 1, "batch generation attribute");
_Static_assert(NFT_REG_SIZE == 16, "nftables register size");
_Static_assert(NFT_DATA_VALUE_MAXLEN == 64, "nftables data value size");
_Static_assert(NFT_USERDATA_MAXLEN == 256, "nftables userdata size");

size_t fwd_mnl_socket_buffer_size(void) {
    return MNL_SOCKET_BUFFER_SIZE;
}

int fwd_socket_in_netns(const char *netns_path, int *error_out, const char **failed_step_out) {
    int target = open(netns_path, O_RDONLY | O_CLOEXEC);
    if (target < 0) {
        *error_out = errno;
        *failed_step_out = "open the network namespace";
        return -1;
    }
    int original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (original < 0) {
        *error_out = errno;
        *failed_step_out = "open the thread's own network namespace";
        close(target);
        return -1;
    }
    if (setns(target, CLONE_NEWNET) != 0) {
        *error_out = errno;
        *failed_step_out = "enter the network namespace";
        close(original);
        close(target);
        return -1;
    }
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
    int socket_errno = errno;
    if (setns(original, CLONE_NEWNET) != 0) {
        // Running on in a foreign namespace would silently misdirect every later socket.
        fprintf(stderr, "fwd: cannot return to the original network namespace (errno %d)\n", errno);
        abort();
    }
    close(original);
    close(target);
    if (fd < 0) {
        *error_out = socket_errno;
        *failed_step_out = "create the netlink socket in the namespace";
        return -1;
    }
    return fd;
}
