"""Assets per place review: the published trend table and the files a board reads."""
