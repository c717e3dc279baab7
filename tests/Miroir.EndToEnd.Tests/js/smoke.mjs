// Drives a miroir node with the official meilisearch JS client, step by step.
// Usage: MIROIR_URL=http://127.0.0.1:7700 MIROIR_KEY=masterKey node smoke.mjs
// Exits 0 when every step passed; otherwise prints the failing step and exits 1.
import { MeiliSearch } from 'meilisearch';

const client = new MeiliSearch({ host: process.env.MIROIR_URL, apiKey: process.env.MIROIR_KEY });
const wait = (task) => client.waitForTask(task.taskUid, { timeOutMs: 30000, intervalMs: 20 });

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function step(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (e) {
    console.log(`FAIL ${name}: ${e.message}`);
    process.exit(1);
  }
}

const movies = [
  { id: 1, title: 'Carol', genre: 'romance', year: 2015 },
  { id: 2, title: 'Wonder Woman', genre: 'action', year: 2017 },
  { id: 3, title: 'Life of Pi', genre: 'adventure', year: 2012 },
  { id: 4, title: 'Mad Max: Fury Road', genre: 'action', year: 2015 },
];

await step('health', async () => {
  const health = await client.health();
  check(health.status === 'available', JSON.stringify(health));
});

await step('create index', async () => {
  const task = await wait(await client.createIndex('movies', { primaryKey: 'id' }));
  check(task.status === 'succeeded', JSON.stringify(task));
  const index = await client.getIndex('movies');
  check(index.primaryKey === 'id', JSON.stringify(index));
});

const index = client.index('movies');

await step('update settings', async () => {
  const task = await wait(await index.updateSettings({ filterableAttributes: ['genre', 'year'], sortableAttributes: ['year'] }));
  check(task.status === 'succeeded', JSON.stringify(task));
  const settings = await index.getSettings();
  check(settings.filterableAttributes.includes('genre'), JSON.stringify(settings));
});

await step('add documents', async () => {
  const task = await wait(await index.addDocuments(movies));
  check(task.status === 'succeeded', JSON.stringify(task));
  check(task.details.indexedDocuments === 4, JSON.stringify(task.details));
  const stats = await index.getStats();
  check(stats.numberOfDocuments === 4, JSON.stringify(stats));
});

await step('get documents', async () => {
  const doc = await index.getDocument(2);
  check(doc.title === 'Wonder Woman', JSON.stringify(doc));
  const page = await index.getDocuments({ limit: 2 });
  check(page.results.length === 2 && page.total === 4, JSON.stringify(page));
});

await step('search with filter, facets and sort', async () => {
  const all = await index.search('', { filter: 'genre = action', facets: ['genre'], sort: ['year:desc'] });
  check(all.hits.length === 2, JSON.stringify(all));
  check(all.hits.every((h) => h.genre === 'action'), JSON.stringify(all.hits));
  check(all.facetDistribution && all.facetDistribution.genre && all.facetDistribution.genre.action === 2,
    JSON.stringify(all.facetDistribution));
  check(all.hits[0].year >= all.hits[1].year, 'sort year:desc');
  const text = await index.search('carol');
  check(text.hits.length >= 1 && text.hits[0].id === 1, JSON.stringify(text.hits));
});

await step('tasks list', async () => {
  const tasks = await client.getTasks({ indexUids: ['movies'], limit: 10 });
  check(tasks.results.length >= 3, JSON.stringify(tasks));
});

await step('task date filters, a batch that fails, cancel and delete tasks', async () => {
  const recent = await client.getTasks({ afterEnqueuedAt: new Date(Date.now() - 3600000), indexUids: ['movies'] });
  check(recent.results.length >= 3, JSON.stringify(recent));
  const failed = await wait(await client.index('no-key').addDocuments([{ title: 'no field ending with id' }]));
  check(failed.status === 'failed' && failed.error?.code === 'index_primary_key_no_candidate_found', JSON.stringify(failed));
  const canceled = await wait(await client.cancelTasks({ uids: [failed.uid] }));
  check(canceled.details.matchedTasks === 1 && canceled.details.canceledTasks === 0, JSON.stringify(canceled));
  const deleted = await wait(await client.deleteTasks({ uids: [failed.uid, canceled.uid] }));
  check(deleted.details.deletedTasks === 2, JSON.stringify(deleted));
});

await step('keys', async () => {
  const keys = await client.getKeys();
  check(keys.results.length >= 2, JSON.stringify(keys));
  const created = await client.createKey({ actions: ['search'], indexes: ['movies'], expiresAt: null, description: 'smoke' });
  const searcher = new MeiliSearch({ host: process.env.MIROIR_URL, apiKey: created.key });
  const found = await searcher.index('movies').search('wonder');
  check(found.hits.length >= 1, JSON.stringify(found));
  let refused = false;
  try {
    await searcher.getIndexes();
  } catch (e) {
    refused = e.cause?.code === 'invalid_api_key' || /invalid/.test(e.message);
  }
  check(refused, 'a search key must not list indexes');
  await client.deleteKey(created.uid);
});

await step('delete documents and index', async () => {
  const del = await wait(await index.deleteDocument(3));
  check(del.status === 'succeeded', JSON.stringify(del));
  const stats = await index.getStats();
  check(stats.numberOfDocuments === 3, JSON.stringify(stats));
  const drop = await wait(await client.deleteIndex('movies'));
  check(drop.status === 'succeeded', JSON.stringify(drop));
  let missing = false;
  try {
    await client.getIndex('movies');
  } catch (e) {
    missing = e.cause?.code === 'index_not_found' || /not found/.test(e.message);
  }
  check(missing, 'index should be gone');
});

console.log('all steps passed');
