"""The comparison benchmark of svcmgr, pm2 and supervisord (bench/compare/run)."""
