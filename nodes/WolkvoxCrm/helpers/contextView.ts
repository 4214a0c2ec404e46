import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * n8n's execution context seen through a Proxy: some members replaced, some hidden from `in` checks, and every
 * other method bound to the real context, so n8n's own code called through the view behaves as usual.
 */
export function contextView(
	ctx: IExecuteFunctions,
	change: { replace?: Partial<IExecuteFunctions>; hide?: Array<keyof IExecuteFunctions> },
): IExecuteFunctions {
	const replaced = (change.replace ?? {}) as Record<PropertyKey, unknown>;
	const hidden = new Set<PropertyKey>(change.hide ?? []);
	return new Proxy(ctx, {
		has: (target, property) => !hidden.has(property) && Reflect.has(target, property),
		get: (target, property) => {
			if (Object.prototype.hasOwnProperty.call(replaced, property)) return replaced[property];
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}
