'use strict';
/**
 * The one lock of the harness: a folder holding its owner's pid, so two processes never work in the same place at
 * once (two installs into one `.cache/` folder, two demos on one n8n user folder). mkdir is atomic, so exactly one
 * caller creates the folder. A lock whose owner died is taken over; so is one left without a pid (its owner died
 * between creating the folder and writing the pid) once it is older than a few seconds.
 *
 *   const lock = tryLock(dir);                                    // at once: { release } or { holder: pid }
 *   const release = await acquireLock(dir, { log, label });      // waits while a live process holds it
 *
 * Either way the lock is also released when the process exits.
 */

const fs = require('fs');
const path = require('path');

const POLL_MS = 2000;
/** How long a lock folder may stay without a pid before it counts as abandoned. */
const PIDLESS_GRACE_MS = 10000;

/** @param {number} pid @returns {boolean} */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
	}
}

/**
 * The pid written in a lock folder; 0 when there is none (yet).
 * @param {string} lockDir
 */
function ownerOf(lockDir) {
	try {
		return Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')) || 0;
	} catch {
		return 0;
	}
}

/** Whether an existing lock folder was left behind by a process that is gone. @param {string} lockDir */
function abandoned(lockDir) {
	const pid = ownerOf(lockDir);
	if (pid) return !alive(pid);
	try {
		return Date.now() - fs.statSync(lockDir).mtimeMs > PIDLESS_GRACE_MS;
	} catch {
		return false; // removed meanwhile: the next attempt finds out
	}
}

/**
 * Takes the lock folder `lockDir` now if no live process holds it.
 * @param {string} lockDir
 * @returns {{ release: () => void, holder?: undefined } | { holder: number, release?: undefined }} `release`, or the
 *   pid of the live owner (0 while it has not written its pid yet)
 */
function tryLock(lockDir) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.mkdirSync(lockDir);
		} catch (e) {
			if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
			if (!abandoned(lockDir)) return { holder: ownerOf(lockDir) };
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
		const remove = () => fs.rmSync(lockDir, { recursive: true, force: true });
		process.once('exit', remove);
		return {
			release: () => {
				process.removeListener('exit', remove);
				remove();
			},
		};
	}
	return { holder: ownerOf(lockDir) };
}

/**
 * Takes the lock folder `lockDir`, waiting while a live process holds it (said once through `log`).
 * @param {string} lockDir
 * @param {{ log: (s: string) => void, label: string }} o label: prefix of the waiting message
 * @returns {Promise<() => void>} release
 */
async function acquireLock(lockDir, o) {
	let announced = false;
	for (;;) {
		const lock = tryLock(lockDir);
		if (lock.release) return lock.release;
		if (!announced) o.log(`[${o.label}] another process (pid ${lock.holder || '?'}) holds ${lockDir}; waiting`);
		announced = true;
		await new Promise((r) => setTimeout(r, POLL_MS));
	}
}

module.exports = { tryLock, acquireLock };
