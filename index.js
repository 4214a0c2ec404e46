// n8n loads the node and credential from the "n8n" section of package.json; nothing to export here.
module.exports = {};
