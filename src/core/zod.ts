// The project's one zod import: zod/mini (functions instead of methods, so the bundle keeps only what is used) with
// Russian default messages — a schema without a message of its own still answers the user in Russian.
// Import it as a namespace (`import * as z from '../zod'`): member accesses keep the bundle tree-shakable.

import { ru } from 'zod/locales';
import { config } from 'zod/mini';

config(ru());

export * from 'zod/mini';
