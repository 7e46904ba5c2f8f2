/*
 * svcmgr's native spawner (x86_64 Linux): one child per call, created with clone3 directly in its cgroup.
 *
 * Why native code at all: glibc 2.36 has no posix_spawn attribute for a cgroup, and moving a child into its cgroup
 * after it exists is a cgroup migration (it takes cgroup_threadgroup_rwsem for writing and waits for an RCU grace
 * period: 5-20 ms each). clone3(CLONE_INTO_CGROUP) (Linux 5.7) creates the child in the cgroup instead. Code must
 * also run in the child between clone and exec (dup the sockets of socket activation, LISTEN_PID = its own pid),
 * which managed code cannot do: the .NET runtime in a forked child can deadlock (lazy binding, GC suspension).
 *
 * Why CLONE_VM | CLONE_VFORK, as posix_spawn does, rather than a fork: fork() of a 60-200 MB daemon copies its page
 * tables (3-22 ms measured) and every later write of the parent takes a copy-on-write fault. With CLONE_VM the
 * child runs in the parent's memory on a stack of its own until it execs, and CLONE_VFORK suspends the calling
 * thread (only it: the runtime's other threads, the GC included, go on) until the child has exec'd or exited.
 *
 * So the child shares the parent's memory and TLS: it may only use raw system calls (no errno, no locks, no malloc,
 * no PLT calls that could bind lazily), touch its own stack, the request (native memory the caller keeps alive for
 * the call) and struct child_args. Build with -fno-tree-loop-distribute-patterns so that gcc does not turn a loop
 * into a call to memcpy/memset, and link the shared library with -z now. The managed side is
 * src/ServiceManager.Platform/Unix/NativeSpawn.cs; docs/containment.md explains the design.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h> /* struct clone_args, CLONE_INTO_CGROUP, CLONE_PIDFD */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if !defined(__x86_64__)
#error "spawn.c is x86_64 only (its clone3 trampoline); other architectures use posix_spawn (docs/containment.md)"
#endif

#define EXPORT __attribute__((visibility("default")))

/* Mirrored field by field by NativeSpawn.Request in C#; svcmgr_spawn_probe checks that the sizes agree. */
struct svcmgr_spawn_request {
    const char *path;       /* the file to execve, already resolved on the child's PATH */
    char *const *argv;      /* NULL-terminated; argv[0] as the user wrote it */
    char *const *envp;      /* NULL-terminated; the complete environment */
    const char *cwd;        /* NULL: the parent's working directory */
    const int *listen_fds;  /* listen_fd_count sockets, placed at 3, 4, ... without FD_CLOEXEC */
    char *listen_pid;       /* NULL, or a LISTEN_PID_SIZE buffer that envp points to: filled with LISTEN_PID=<pid> */
    int stdout_fd;          /* the write ends of the output pipes, placed at 1 and 2 */
    int stderr_fd;
    int cgroup_fd;          /* O_PATH directory fd of the child's cgroup (CLONE_INTO_CGROUP), or -1 */
    int listen_fd_count;
};

#define LISTEN_PID_SIZE 32
#define CHILD_STACK_SIZE (64 * 1024) /* the child needs a few hundred bytes; a guard page sits below */
#define KERNEL_SIGSET_SIZE 8         /* the kernel's sigset_t: 64 signals */
#define LAST_SIGNAL 64

/* Shared between the parent's frame and the child (CLONE_VM): the parent reads error once it resumes. */
struct child_args {
    const struct svcmgr_spawn_request *req;
    int *fds;             /* 3 + listen_fd_count slots below the child's stack */
    volatile int error;   /* errno of the step that failed in the child, 0 if it exec'd */
};

/* The kernel's struct sigaction (not glibc's): handler, flags, restorer, 64-bit mask. */
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

/* A raw system call: returns the result or -errno, touches no errno (the child shares the parent's TLS). */
static inline long sys(long n, long a1, long a2, long a3, long a4)
{
    long ret;
    register long r10 __asm__("r10") = a4;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
}

/*
 * long svcmgr_clone3(struct clone_args *args, size_t size, int (*fn)(void *), void *arg)
 * In the parent it returns the child's pid or -errno. The child starts on the stack named in args (the kernel
 * returns 0 there with every register but rax, rcx and r11 as the parent had them), so it must not return into the
 * parent's frame: it calls fn(arg) from registers and exits with its result. As glibc's clone3.S and musl's __clone.
 */
extern long svcmgr_clone3(struct clone_args *args, size_t size, int (*fn)(void *), void *arg)
    __attribute__((visibility("hidden")));
__asm__(".text\n"
        ".globl svcmgr_clone3\n"
        ".hidden svcmgr_clone3\n"
        ".type svcmgr_clone3, @function\n"
        ".p2align 4\n"
        "svcmgr_clone3:\n"
        "    mov %rcx, %r8\n"   /* arg: r8 and rdx (fn) survive the syscall */
        "    mov $435, %eax\n"  /* SYS_clone3 (rdi = args, rsi = size) */
        "    syscall\n"
        "    test %rax, %rax\n"
        "    jz 1f\n"
        "    ret\n"             /* the parent: pid or -errno */
        "1:  xor %ebp, %ebp\n"  /* the child: outermost frame */
        "    and $-16, %rsp\n"  /* the ABI's alignment at a call */
        "    mov %r8, %rdi\n"
        "    call *%rdx\n"
        "    mov %eax, %edi\n"
        "    mov $231, %eax\n"  /* SYS_exit_group with fn's result */
        "    syscall\n"
        "    hlt\n"
        ".size svcmgr_clone3, .-svcmgr_clone3\n");

/* "LISTEN_PID=<pid>" into buf, by hand: no snprintf (locks, locale) in the child. */
static void format_listen_pid(char *buf, long pid)
{
    static const char prefix[] = "LISTEN_PID=";
    char digits[20];
    int n = 0, at = 0;
    for (int i = 0; prefix[i] != '\0'; i++) buf[at++] = prefix[i];
    do {
        digits[n++] = (char)('0' + pid % 10);
        pid /= 10;
    } while (pid > 0 && n < (int)sizeof digits);
    while (n > 0 && at < LISTEN_PID_SIZE - 1) buf[at++] = digits[--n];
    buf[at] = '\0';
}

/*
 * Runs in the child, on its own stack, with every signal blocked (inherited from the parent's call). Returns only
 * on failure, with the errno in args->error; the trampoline then exits with 127.
 */
static int child_main(void *p)
{
    struct child_args *args = p;
    const struct svcmgr_spawn_request *req = args->req;
    long rc;

    /* Default dispositions: a handler is an address in the parent's code, and the runtime ignores SIGPIPE, which
     * the program would inherit. The mask stays full until just before execve, so no signal is handled meanwhile. */
    struct kernel_sigaction dfl = { .handler = SIG_DFL };
    for (int sig = 1; sig <= LAST_SIGNAL; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        sys(SYS_rt_sigaction, sig, (long)&dfl, 0, KERNEL_SIGSET_SIZE);
    }

    /* Session and process group leader: a stop reaches the program's descendants through its group. */
    if ((rc = sys(SYS_setsid, 0, 0, 0, 0)) < 0) goto fail;

    /* Descriptors: fd i of the program is source i (stdin /dev/null, the two pipe ends, the sockets). Each source is
     * first copied above the target range, so no target dup3 can overwrite a source that is still to be placed (a
     * pipe end may be fd 3, or even 0 when the daemon's own were closed); dup3 onto the target clears FD_CLOEXEC. */
    const int count = 3 + req->listen_fd_count;
    if ((rc = sys(SYS_openat, AT_FDCWD, (long)"/dev/null", O_RDONLY | O_CLOEXEC, 0)) < 0) goto fail;
    const int dev_null = (int)rc;
    for (int i = 0; i < count; i++) {
        int source = i == 0 ? dev_null : i == 1 ? req->stdout_fd : i == 2 ? req->stderr_fd : req->listen_fds[i - 3];
        if ((rc = sys(SYS_fcntl, source, F_DUPFD_CLOEXEC, count, 0)) < 0) goto fail;
        args->fds[i] = (int)rc;
    }
    for (int i = 0; i < count; i++) {
        if ((rc = sys(SYS_dup3, args->fds[i], i, 0, 0)) < 0) goto fail;
    }
    /* Everything else, whether or not it is CLOEXEC (the daemon may have inherited descriptors without it). */
    if ((rc = sys(SYS_close_range, count, ~0U, 0, 0)) < 0) goto fail;

    if (req->cwd != NULL && (rc = sys(SYS_chdir, (long)req->cwd, 0, 0, 0)) < 0) goto fail;

    /* Socket activation: the program checks LISTEN_PID against its own pid, which exists only now. */
    if (req->listen_pid != NULL) format_listen_pid(req->listen_pid, sys(SYS_getpid, 0, 0, 0, 0));

    const uint64_t none = 0;
    if ((rc = sys(SYS_rt_sigprocmask, SIG_SETMASK, (long)&none, 0, KERNEL_SIGSET_SIZE)) < 0) goto fail;
    rc = sys(SYS_execve, (long)req->path, (long)req->argv, (long)req->envp, 0);

fail:
    args->error = (int)-rc;
    return 127;
}

/*
 * Starts the program of *req. Returns 0 with the child's pid and a pidfd (O_CLOEXEC) for it; a positive errno when
 * the child failed before or at execve (it has been reaped: as posix_spawn reports it); a negative errno when no
 * child was created (clone3 or mmap failed, e.g. the cgroup is gone). Safe to call from several threads at once.
 */
EXPORT int svcmgr_spawn(const struct svcmgr_spawn_request *req, int *pid_out, int *pidfd_out)
{
    if (req->listen_fd_count < 0 || req->listen_fd_count > 65536) return -EINVAL;

    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    const size_t fd_bytes = (size_t)(3 + req->listen_fd_count) * sizeof(int);
    const size_t size = page + ((fd_bytes + CHILD_STACK_SIZE + page - 1) / page) * page;
    char *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (map == MAP_FAILED) return -errno;
    /* A guard page: a child overrunning its stack faults instead of writing into the parent's memory. */
    if (mprotect(map, page, PROT_NONE) != 0) {
        int e = errno;
        munmap(map, size);
        return -e;
    }

    struct child_args args = { .req = req, .fds = (int *)(map + page), .error = 0 };
    int pidfd = -1;
    struct clone_args cl = {
        .flags = CLONE_VM | CLONE_VFORK | CLONE_PIDFD | (req->cgroup_fd >= 0 ? CLONE_INTO_CGROUP : 0),
        .pidfd = (uint64_t)(uintptr_t)&pidfd,
        .exit_signal = SIGCHLD,
        .stack = (uint64_t)(uintptr_t)(map + page),
        .stack_size = size - page,
        .cgroup = req->cgroup_fd >= 0 ? (uint64_t)req->cgroup_fd : 0,
    };

    /* Block everything, the C library's internal signals included, as glibc's posix_spawn does: a handler (the
     * runtime's) must not run in the child on the shared memory before it has reset the dispositions. */
    uint64_t all = ~(uint64_t)0, old = 0;
    sys(SYS_rt_sigprocmask, SIG_SETMASK, (long)&all, (long)&old, KERNEL_SIGSET_SIZE);
    long pid = svcmgr_clone3(&cl, sizeof cl, child_main, &args);
    sys(SYS_rt_sigprocmask, SIG_SETMASK, (long)&old, 0, KERNEL_SIGSET_SIZE);

    /* The child has exec'd (a new address space) or exited: its stack is free. */
    munmap(map, size);
    if (pid < 0) return (int)pid;
    if (args.error != 0) {
        int status;
        while (waitpid((pid_t)pid, &status, 0) < 0 && errno == EINTR) {
        }
        close(pidfd);
        return args.error;
    }
    *pid_out = (int)pid;
    *pidfd_out = pidfd;
    return 0;
}

/*
 * 0 when svcmgr_spawn can be used: the caller's request struct has this library's size (a stale library is not
 * used), and the kernel has clone3 (5.3) and close_range (5.9, so CLONE_INTO_CGROUP, 5.7, too), which a seccomp
 * filter may also hide (older container runtimes answer clone3 with ENOSYS). Otherwise an errno.
 */
EXPORT int svcmgr_spawn_probe(size_t request_size)
{
    if (request_size != sizeof(struct svcmgr_spawn_request)) return EPROTO;
    /* A NULL, too small argument: EINVAL if clone3 exists, before anything is created. */
    long rc = sys(SYS_clone3, 0, 0, 0, 0);
    if (rc != -EINVAL) return rc < 0 ? (int)-rc : ENOSYS;
    /* An empty range: closes nothing. */
    rc = sys(SYS_close_range, ~0U, ~0U, 0, 0);
    return rc < 0 ? (int)-rc : 0;
}
