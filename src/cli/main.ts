console.log("ops-roles");
