// Preloaded into the API child by bench:api (`node --import`): answers the bench's IPC message
// with this process's CPU time (process.cpuUsage, all threads), so CPU per request can be taken
// around a load without touching the server's code. Plain JavaScript: it runs before any loader.
process.on('message', (message) => {
  if (message === 'cpu-usage') process.send({ cpuUsage: process.cpuUsage() });
});
