import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/types';

/**
 * Display names of Kula's lookup records. Kula documents no response shapes for these
 * endpoints, so each reader tries the field names its MCP server and filters suggest, then
 * falls back to the ID; every shape assumption sits in this file.
 */

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function idOf(record: IDataObject): string {
	return typeof record.id === 'number' || typeof record.id === 'string' ? String(record.id) : '';
}

/** Returns a person's name from first_name/last_name, name or full_name, with the email beside it. */
export function personName(record: IDataObject): string {
	const joined = [text(record.first_name), text(record.last_name)].filter(Boolean).join(' ');
	const name = text(joined) ?? text(record.name) ?? text(record.full_name);
	const email = text(record.email);
	if (name && email) return `${name} (${email})`;
	return name ?? email ?? `User ${idOf(record)}`;
}

export function jobName(record: IDataObject): string {
	return text(record.title) ?? text(record.name) ?? `Job ${idOf(record)}`;
}

/** Returns the candidate's name with the IDs that tell two applications of one candidate apart. */
export function applicationName(record: IDataObject): string {
	const candidate = isObject(record.candidate) ? record.candidate : {};
	const name =
		text([text(candidate.first_name), text(candidate.last_name)].filter(Boolean).join(' ')) ??
		text(candidate.name) ??
		text(record.candidate_name);
	const job = isObject(record.job) ? (text(record.job.title) ?? text(record.job.name)) : undefined;
	const details = [
		`application ${idOf(record)}`,
		job ?? (record.job_id ? `job ${record.job_id}` : ''),
	]
		.filter(Boolean)
		.join(', ');
	return name ? `${name} (${details})` : `Application ${idOf(record)} (${details})`;
}

/** Any record that carries a name, such as an office or a template. */
export function namedRecord(record: IDataObject, noun: string): string {
	const name = text(record.name) ?? text(record.title);
	const city = text(record.city);
	if (name && city) return `${name} (${city})`;
	return name ?? `${noun} ${idOf(record)}`;
}

export function recordId(record: IDataObject): string {
	return idOf(record);
}

/** Returns an application's job ID, read from job_id or from a nested job object. */
export function applicationJobId(record: IDataObject): string | undefined {
	if (typeof record.job_id === 'number' || typeof record.job_id === 'string') {
		return String(record.job_id);
	}
	return isObject(record.job) ? recordId(record.job) || undefined : undefined;
}

/** One activity of a job's interview plan, named with its stage. */
export interface PlanActivity {
	id: string;
	name: string;
}

/**
 * Flattens an interview plan into its activities. The plan may come as `{ stages: [...] }` or
 * as the stage list itself, and each stage lists its activities under `activities`.
 */
export function planActivities(plan: unknown): PlanActivity[] {
	const stages = Array.isArray(plan)
		? plan
		: isObject(plan) && Array.isArray(plan.stages)
			? plan.stages
			: [];
	const activities: PlanActivity[] = [];
	for (const stage of stages) {
		if (!isObject(stage)) continue;
		const stageName = text(stage.name) ?? `Stage ${recordId(stage)}`;
		for (const activity of Array.isArray(stage.activities) ? stage.activities : []) {
			if (!isObject(activity) || recordId(activity) === '') continue;
			const activityName =
				text(activity.name) ?? text(activity.title) ?? `Activity ${recordId(activity)}`;
			activities.push({ id: recordId(activity), name: `${stageName} › ${activityName}` });
		}
	}
	return activities;
}
