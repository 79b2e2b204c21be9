import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization
import UnixSignals

/// `fwd daemon` as a service: commits the config, tells systemd it is ready, then reloads on
/// SIGHUP and on `reload` requests from the control socket, one at a time, until graceful
/// shutdown. A reload that fails (bad config, kernel refusal) leaves the previous ruleset in
/// force, is logged with its location, shows in `STATUS=`, and the daemon carries on.
public final class FirewallDaemon: Service, Sendable {
    let source: any RulesetSource
    let coordinator: CommitCoordinator
    let options: DaemonOptions
    let logger: Logger
    let state = Mutex(DaemonStatus())
    let armed = Mutex(Set<String>())

    /// A daemon committing what `source` loads with `backend`.
    public init(source: any RulesetSource, backend: any FirewallBackend, options: DaemonOptions, logger: Logger) {
        self.source = source
        self.options = options
        self.logger = logger
        self.coordinator = CommitCoordinator(
            backend: backend, directory: options.runtimeDirectory, lock: CommitLock(path: options.lockPath),
            lockTimeout: options.lockTimeout, logger: logger)
    }

    /// Runs until graceful shutdown. Throws when the first commit fails (systemd then sees the
    /// start fail) or the control socket cannot be set up.
    public func run() async throws {
        let hangups = options.reloadOnHangup ? await UnixSignalsSequence(trapping: .sighup) : nil
        try options.runtimeDirectory.prepare()
        let server = try ControlServer(
            path: options.controlSocketPath, allowedUIDs: options.allowedControlUIDs, logger: logger)
        defer { server.stop() }

        do {
            try await reload(reason: "start")
        } catch {
            notify { try $0.status("failed to start: \(error)") }
            throw error
        }
        notify { try $0.ready(status: state.withLock { $0.line }) }
        logger.notice("fwd daemon ready", metadata: ["status": "\(state.withLock { $0.line })"])

        let (reloads, reloadQueue) = AsyncStream.makeStream(of: ControlRequest?.self)
        let (arms, armQueue) = AsyncStream.makeStream(of: String.self)
        await withTaskGroup(of: Void.self) { group in
            if let hangups {
                group.addTask {
                    for await _ in hangups {
                        self.logger.info("SIGHUP: reloading")
                        reloadQueue.yield(nil)
                    }
                }
            }
            group.addTask {
                for await request in server.requests {
                    self.dispatch(request, reloadQueue: reloadQueue, armQueue: armQueue)
                }
            }
            group.addTask { await self.processReloads(reloads) }
            group.addTask { await self.watchRollbacks(arms) }
            try? await gracefulShutdown()
            logger.notice("stopping")
            server.stop()
            reloadQueue.finish()
            armQueue.finish()
            group.cancelAll()
        }
        await stop()
    }

    private func dispatch(
        _ request: ControlRequest, reloadQueue: AsyncStream<ControlRequest?>.Continuation,
        armQueue: AsyncStream<String>.Continuation
    ) {
        switch request.command {
        case .reload:
            logger.info("reload requested by pid \(request.peerPID)")
            reloadQueue.yield(request)
        case .status:
            request.respond(.ok(state.withLock { $0.details }))
        case .ping:
            request.respond(.ok("fwd daemon \(getpid())"))
        case .armRollback(let id):
            guard canWatch(id) else {
                request.respond(ControlResponse(exitCode: .environment,
                    message: "the daemon cannot wait for commit \(id): not pending, or made with another backend"))
                return
            }
            armed.withLock { _ = $0.insert(id) }
            armQueue.yield(id)
            request.respond(.ok("the daemon rolls back commit \(id) unless confirmed in time"))
        }
    }

    /// Runs queued reloads one after the other, answering each requester.
    private func processReloads(_ reloads: AsyncStream<ControlRequest?>) async {
        for await request in reloads {
            do {
                try await reload(reason: request == nil ? "SIGHUP" : "request")
                request?.respond(.ok(state.withLock { $0.line }))
            } catch {
                request?.respond(.failure(error))
            }
        }
    }

    /// Runs a ``RollbackWatcher`` for each armed commit.
    private func watchRollbacks(_ arms: AsyncStream<String>) async {
        await withTaskGroup(of: Void.self) { group in
            for await id in arms {
                group.addTask {
                    let watcher = RollbackWatcher(coordinator: self.coordinator, id: id)
                    do {
                        let outcome = try await watcher.run()
                        self.logger.info("commit-confirmed \(id): \(outcome)")
                    } catch is CancellationError {
                        return
                    } catch {
                        self.logger.error("commit-confirmed \(id): rollback failed: \(error)")
                    }
                    self.armed.withLock { _ = $0.remove(id) }
                }
            }
            group.cancelAll()
        }
    }

    /// Leaves the rules in place, except: an armed, unconfirmed commit is rolled back now (no one
    /// would be left to do it), and `--flush-on-stop` removes fwd's tables.
    private func stop() async {
        notify { try $0.stopping(status: "stopping") }
        for id in armed.withLock({ $0 }) {
            do {
                if try await coordinator.rollBackNow(id: id) == .rolledBack {
                    logger.warning("stopping with commit-confirmed \(id) unconfirmed: rolled back")
                }
            } catch {
                logger.error("stopping: rollback of commit-confirmed \(id) failed: \(error)")
            }
        }
        guard options.flushOnStop else { return }
        do {
            try await coordinator.removeOwnTables()
            logger.notice("--flush-on-stop: removed fwd's tables")
        } catch {
            logger.error("--flush-on-stop: could not remove fwd's tables: \(error)")
        }
    }

    func notify(_ send: (SystemdNotifier) throws -> Void) {
        do { try send(options.notifier) } catch { logger.warning("sd_notify: \(error)") }
    }
}
