// The one stand-in for google.script.run, injected into the real sidebar files by the local bank (and by the sidebar
// tests, which answer its requests in-process): POST /rpc/<name> with the arguments as JSON, as Apps Script would —
// a name ending in _ is not found, a Date argument fails, the answer is {value} or {error}.
export const STAND_IN = `<script>(function(){
function hasDate(v){if(v instanceof Date)return true;if(v&&typeof v==='object')return Object.keys(v).some(function(k){return hasDate(v[k]);});return false;}
function runner(ok,fail){return new Proxy({},{get:function(_,name){
 if(name==='withSuccessHandler')return function(f){return runner(f,fail);};
 if(name==='withFailureHandler')return function(f){return runner(ok,f);};
 return function(){var args=[].slice.call(arguments);
  if(/_$/.test(name)){setTimeout(function(){fail&&fail(new Error('Script function not found: '+name));});return;}
  if(args.some(hasDate)){setTimeout(function(){fail&&fail(new Error('Failed due to illegal value in property: 0'));});return;}
  fetch('/rpc/'+encodeURIComponent(name),{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(args)})
   .then(function(r){return r.json();}).then(function(j){if(j.error){fail&&fail(new Error(j.error));}else{ok&&ok(j.value);}})
   .catch(function(e){fail&&fail(e);});};}});}
window.google={script:{run:runner(),host:{close:function(){}}}};})();</script>`;
