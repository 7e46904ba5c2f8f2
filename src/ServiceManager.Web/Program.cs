using ServiceManager.Web.Hosting;

// svcmgr-web: the HTTP API, WebSocket events and dashboard of spec §7, one more client of the daemon's socket.
return await WebCommand.RunAsync(args);
