// The orchestrator maps its handlers with the engine's reflection-free route helpers
// (Get/Post/.../Route), so both servers share one AOT-safe routing idiom.
global using Miroir.Meili.Http;
